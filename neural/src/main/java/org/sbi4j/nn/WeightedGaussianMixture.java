package org.sbi4j.nn;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Maximum-likelihood Gaussian mixtures (full covariances) fitted by expectation–maximisation to weighted points,
 * and the choice of the number of components by the Bayesian information criterion. Used to initialise a
 * {@link GaussianMixtureBase} from importance-weighted draws. Seeding is weighted k-means++ (Arthur and
 * Vassilvitskii 2007) from the given generator, so fits are deterministic under a seed.
 */
public final class WeightedGaussianMixture {

    /** Added to every covariance diagonal (in the units of the data; the callers pass z-scored points). */
    public static final double RIDGE = 1e-6;
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-9;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private WeightedGaussianMixture() {
    }

    /**
     * A fitted mixture.
     *
     * @param weights K component weights (sum 1)
     * @param means K means
     * @param cholesky K lower-triangular Cholesky factors of the covariances
     * @param logLikelihood the weighted mean log-likelihood Σ w̄ᵢ log p(xᵢ), with the weights normalised to sum 1
     */
    public record Fit(double[] weights, double[][] means, double[][][] cholesky, double logLikelihood) {

        /** Number of components. */
        public int components() {
            return weights.length;
        }

        /** Free parameters: K − 1 weights, K·d means, K·d(d+1)/2 covariance entries. */
        public int parameterCount() {
            int k = weights.length;
            int d = means[0].length;
            return k - 1 + k * d + k * d * (d + 1) / 2;
        }

        /**
         * The Bayesian information criterion −2·n·(mean log-likelihood) + p·log n for an effective sample size n
         * (lower is better).
         *
         * @param n effective number of independent points
         * @return BIC
         */
        public double bic(double n) {
            return -2 * n * logLikelihood + parameterCount() * Math.log(n);
        }

        /**
         * log p(x).
         *
         * @param x a point
         * @return the log density
         */
        public double logDensity(double[] x) {
            double[] terms = new double[weights.length];
            double[] work = new double[x.length];
            for (int c = 0; c < weights.length; c++) {
                terms[c] = Math.log(weights[c]) + gaussianLogDensity(x, means[c], cholesky[c], work);
            }
            return logSumExp(terms, terms.length);
        }
    }

    /**
     * The result of {@link #select}: the chosen fit and the criterion of every K tried.
     *
     * @param best the fit with the lowest criterion
     * @param criteria the criterion (BIC unless another penalty was given) for K = 1, 2, … (index K − 1)
     * @param effectiveSize the n used in the criterion
     */
    public record Selection(Fit best, double[] criteria, double effectiveSize) {
    }

    /**
     * Fits a K-component mixture by EM, the best of {@code restarts} seedings by log-likelihood.
     *
     * @param x points ({@code n × d}, n ≥ 1)
     * @param w non-negative weights (any scale, positive sum), or {@code null} for equal weights
     * @param k number of components, ≥ 1
     * @param restarts seedings tried, ≥ 1
     * @param rng seeding stream
     * @return the fit
     */
    public static Fit fit(double[][] x, double[] w, int k, int restarts, UniformRandomProvider rng) {
        double[] weights = normalised(x, w);
        Fit best = null;
        for (int r = 0; r < restarts; r++) {
            Fit f = em(x, weights, k, rng);
            if (best == null || f.logLikelihood() > best.logLikelihood()) {
                best = f;
            }
        }
        return best;
    }

    /**
     * Fits K = 1…{@code maxK} components and keeps the one with the lowest BIC at effective size {@code n}.
     *
     * @param x points
     * @param w weights or {@code null}
     * @param maxK largest K tried, ≥ 1
     * @param n effective sample size for the criterion (e.g. Kish's (Σw)²/Σw²), > 1
     * @param restarts seedings per K
     * @param rng seeding stream
     * @return the selection
     */
    public static Selection select(double[][] x, double[] w, int maxK, double n, int restarts,
                                   UniformRandomProvider rng) {
        return select(x, w, maxK, n, Math.log(n), restarts, rng);
    }

    /**
     * Fits K = 1…{@code maxK} components and keeps the one with the lowest criterion
     * −2·n·(mean log-likelihood) + p·{@code penaltyPerParameter} at effective size {@code n}: {@code ln n} gives
     * BIC ({@link Fit#bic}), 2 gives AIC.
     *
     * @param x points
     * @param w weights or {@code null}
     * @param maxK largest K tried, ≥ 1
     * @param n effective sample size for the criterion (e.g. Kish's (Σw)²/Σw²), > 1
     * @param penaltyPerParameter what each free parameter adds to the criterion
     * @param restarts seedings per K
     * @param rng seeding stream
     * @return the selection
     */
    public static Selection select(double[][] x, double[] w, int maxK, double n, double penaltyPerParameter,
                                   int restarts, UniformRandomProvider rng) {
        double[] criteria = new double[maxK];
        Fit best = null;
        double bestCriterion = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= maxK; k++) {
            Fit f = fit(x, w, k, restarts, rng);
            criteria[k - 1] = -2 * n * f.logLikelihood() + f.parameterCount() * penaltyPerParameter;
            if (criteria[k - 1] < bestCriterion) {
                bestCriterion = criteria[k - 1];
                best = f;
            }
        }
        return new Selection(best, criteria, n);
    }

    /**
     * Kish's effective sample size (Σw)²/Σw².
     *
     * @param w non-negative weights
     * @return the effective size (0 when all weights are 0)
     */
    public static double effectiveSize(double[] w) {
        double s = 0;
        double s2 = 0;
        for (double v : w) {
            s += v;
            s2 += v * v;
        }
        return s2 > 0 ? s * s / s2 : 0;
    }

    private static double[] normalised(double[][] x, double[] w) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no points");
        }
        double[] out = new double[x.length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double v = w == null ? 1 : w[i];
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("weight " + i + " is " + v);
            }
            out[i] = v;
            total += v;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the weights sum to 0");
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    private static Fit em(double[][] x, double[] w, int k, UniformRandomProvider rng) {
        int n = x.length;
        int d = x[0].length;
        double[][] means = seed(x, w, k, rng);
        double[][] resp = new double[n][k];
        // initial responsibilities: nearest seed
        for (int i = 0; i < n; i++) {
            int nearest = 0;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = squaredDistance(x[i], means[c]);
                if (dist < bestDist) {
                    bestDist = dist;
                    nearest = c;
                }
            }
            resp[i][nearest] = 1;
        }
        double[] pi = new double[k];
        double[][][] chol = new double[k][d][d];
        double[] terms = new double[k];
        double[] work = new double[d];
        double previous = Double.NEGATIVE_INFINITY;
        double ll = Double.NEGATIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            mStep(x, w, resp, pi, means, chol, rng);
            ll = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    terms[c] = pi[c] > 0 ? Math.log(pi[c]) + gaussianLogDensity(x[i], means[c], chol[c], work)
                            : Double.NEGATIVE_INFINITY;
                }
                double lse = logSumExp(terms, k);
                for (int c = 0; c < k; c++) {
                    resp[i][c] = Math.exp(terms[c] - lse);
                }
                ll += w[i] * lse;
            }
            if (ll - previous < TOLERANCE * Math.max(1, Math.abs(ll))) {
                break;
            }
            previous = ll;
        }
        return new Fit(pi, means, chol, ll);
    }

    private static void mStep(double[][] x, double[] w, double[][] resp, double[] pi, double[][] means,
                              double[][][] chol, UniformRandomProvider rng) {
        int n = x.length;
        int k = pi.length;
        int d = x[0].length;
        double[][] cov = new double[d][d];
        for (int c = 0; c < k; c++) {
            double total = 0;
            Arrays.fill(means[c], 0);
            for (int i = 0; i < n; i++) {
                double r = w[i] * resp[i][c];
                total += r;
                for (int a = 0; a < d; a++) {
                    means[c][a] += r * x[i][a];
                }
            }
            if (!(total > 1e-300)) {
                // an empty component restarts at a random point with unit covariance and a tiny weight
                System.arraycopy(x[rng.nextInt(n)], 0, means[c], 0, d);
                pi[c] = 1e-12;
                for (int a = 0; a < d; a++) {
                    Arrays.fill(chol[c][a], 0);
                    chol[c][a][a] = 1;
                }
                continue;
            }
            pi[c] = total;
            for (int a = 0; a < d; a++) {
                means[c][a] /= total;
                Arrays.fill(cov[a], 0);
            }
            for (int i = 0; i < n; i++) {
                double r = w[i] * resp[i][c];
                if (r == 0) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    double da = x[i][a] - means[c][a];
                    for (int b = 0; b <= a; b++) {
                        cov[a][b] += r * da * (x[i][b] - means[c][b]);
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] /= total;
                    cov[b][a] = cov[a][b];
                }
                cov[a][a] += RIDGE;
            }
            cholesky(cov, chol[c]);
        }
        double sum = 0;
        for (double v : pi) {
            sum += v;
        }
        for (int c = 0; c < k; c++) {
            pi[c] /= sum;
        }
    }

    /** Weighted k-means++ seeding. */
    private static double[][] seed(double[][] x, double[] w, int k, UniformRandomProvider rng) {
        int n = x.length;
        double[][] centres = new double[k][];
        double[] dist = new double[n];
        centres[0] = x[pick(w, null, rng)].clone();
        for (int c = 1; c < k; c++) {
            for (int i = 0; i < n; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    best = Math.min(best, squaredDistance(x[i], centres[j]));
                }
                dist[i] = best;
            }
            centres[c] = x[pick(w, dist, rng)].clone();
        }
        return centres;
    }

    private static int pick(double[] w, double[] factor, UniformRandomProvider rng) {
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            total += w[i] * (factor == null ? 1 : factor[i]);
        }
        if (!(total > 0)) {
            return rng.nextInt(w.length);
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i] * (factor == null ? 1 : factor[i]);
            if (u < acc) {
                return i;
            }
        }
        return w.length - 1;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }

    private static void cholesky(double[][] a, double[][] l) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            Arrays.fill(l[i], 0);
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, RIDGE));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
    }

    private static double gaussianLogDensity(double[] x, double[] mean, double[][] l, double[] y) {
        int d = x.length;
        double logDiag = 0;
        double q = 0;
        for (int i = 0; i < d; i++) {
            double s = x[i] - mean[i];
            for (int j = 0; j < i; j++) {
                s -= l[i][j] * y[j];
            }
            y[i] = s / l[i][i];
            q += y[i] * y[i];
            logDiag += Math.log(l[i][i]);
        }
        return -0.5 * q - logDiag - 0.5 * d * LOG_2PI;
    }

    /**
     * log Σ exp(vᵢ) over the first {@code n} entries, stable; −∞ when all are −∞.
     *
     * @param v values
     * @param n entries used
     * @return the log-sum-exp
     */
    public static double logSumExp(double[] v, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, v[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(v[i] - max);
        }
        return max + Math.log(s);
    }
}
