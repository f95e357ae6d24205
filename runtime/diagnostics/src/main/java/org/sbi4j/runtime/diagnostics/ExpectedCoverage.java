package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Expected coverage of credible regions (Hermans et al. 2022, "A trust crisis in simulation-based inference?").
 * For each observation, kᵢ counts the posterior draws that lie "more central" than θ*ᵢ; θ*ᵢ lies in the
 * credible region of level γ iff kᵢ &lt; γ·L, and the empirical coverage at γ is the share of such i. Under
 * calibration kᵢ is uniform on {0, …, L}, so the coverage is ⌈γL⌉/(L+1) ≈ γ ({@link CoverageResult#expected()}).
 *
 * <p>Two notions of "more central":
 * <ul>
 *   <li>{@value #HPD} (used when the sample has log densities): log q(θˡ | x) &gt; log q(θ* | x), so the regions are
 *       highest-posterior-density regions. A NaN log density counts as −∞ (outside every region).</li>
 *   <li>{@value #KDE} (the fallback without densities): a higher kernel density estimate, where each of the L+1
 *       points {θ*, θ¹, …, θᴸ} is scored by a Gaussian kernel density of the other L points (whitened by their
 *       pooled covariance, Scott's bandwidth (L+1)^(−1/(d+4))). The score is a symmetric function of the pooled
 *       set, so the points stay exchangeable and kᵢ is exactly uniform under calibration, while the regions
 *       follow crescents and multiple modes (approximate HPD regions).</li>
 *   <li>{@value #MAHALANOBIS}: a smaller Mahalanobis distance to the mean,
 *       under the covariance, of the L+1 points {θ*, θ¹, …, θᴸ} together. Pooling θ* keeps the L+1 points
 *       exchangeable, so kᵢ is exactly uniform under calibration; the regions are ellipsoids, which is the HPD
 *       region for a Gaussian posterior and a central region otherwise (a banana or multimodal posterior may
 *       look miscalibrated by this test even when it is not). A singular covariance gets a small ridge.</li>
 * </ul>
 *
 * <p>Verdict: z = (coverage − expected) / s.e. at each level, with s.e. = √(γ(1−γ)/N) the binomial standard error
 * under calibration. The level with the largest |z| decides when |z| exceeds the two-sided Bonferroni bound for
 * α over all levels: below the diagonal = {@link CalibrationVerdict#OVER_CONFIDENT} (regions too small; a biased
 * posterior looks like this too), above = {@link CalibrationVerdict#UNDER_CONFIDENT}. Instances are immutable.
 */
public final class ExpectedCoverage {
    /** Method name of highest-posterior-density regions. */
    public static final String HPD = "hpd";
    /** Method name of the Mahalanobis ellipsoids. */
    public static final String MAHALANOBIS = "mahalanobis";
    /** Method name of the kernel-density fallback. */
    public static final String KDE = "kde";
    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.01;

    /** Which regions to use. */
    public enum Method {
        /** HPD when the sample has log densities, else kernel-density regions. */
        AUTO,
        /** Highest-posterior-density regions; needs log densities. */
        HPD,
        /** Regions of a leave-one-out kernel density of the pooled draws; needs only samples. */
        KDE,
        /** Mahalanobis ellipsoids; needs only samples. */
        MAHALANOBIS
    }

    private final double[] levels;
    private final double alpha;
    private final Method method;

    private ExpectedCoverage(double[] levels, double alpha, Method method) {
        this.levels = levels;
        this.alpha = alpha;
        this.method = method;
    }

    /** Levels 0.05, 0.10, …, 0.95, α = 0.01, automatic method. */
    public static ExpectedCoverage defaults() {
        return new ExpectedCoverage(defaultLevels(), DEFAULT_ALPHA, Method.AUTO);
    }

    /** The credibility levels 0.05, 0.10, …, 0.95. */
    public static double[] defaultLevels() {
        double[] out = new double[19];
        for (int k = 0; k < out.length; k++) {
            out[k] = (k + 1) / 20.0;
        }
        return out;
    }

    /**
     * @param credibility the credibility levels, each in (0, 1); sorted and copied
     * @return a copy with those levels
     */
    public ExpectedCoverage withLevels(double... credibility) {
        if (credibility.length == 0) {
            throw new IllegalArgumentException("give at least one credibility level, e.g. 0.5, 0.9");
        }
        double[] sorted = credibility.clone();
        Arrays.sort(sorted);
        for (double level : sorted) {
            if (!(level > 0.0 && level < 1.0)) {
                throw new IllegalArgumentException("credibility level " + level + " is invalid; it must be in (0, 1)");
            }
        }
        return new ExpectedCoverage(sorted, alpha, method);
    }

    /**
     * @param level the significance level of the verdict, in (0, 1)
     * @return a copy with that level
     */
    public ExpectedCoverage withAlpha(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("alpha = " + level + " is invalid; it must be in (0, 1), e.g. 0.01");
        }
        return new ExpectedCoverage(levels, level, method);
    }

    /**
     * @param regions which credible regions to use
     * @return a copy using them
     */
    public ExpectedCoverage withMethod(Method regions) {
        return new ExpectedCoverage(levels, alpha, requireNonNull(regions, "regions is null"));
    }

    /**
     * Computes the coverage curve.
     *
     * @param sample the calibration sample
     * @return coverage per level and the verdict
     * @throws IllegalArgumentException when HPD is asked for and the sample has no log densities
     */
    public CoverageResult analyze(CalibrationSample sample) {
        requireNonNull(sample, "sample is null");
        boolean hpd = switch (method) {
            case AUTO -> sample.hasLogDensity();
            case HPD -> true;
            case KDE, MAHALANOBIS -> false;
        };
        if (hpd && !sample.hasLogDensity()) {
            throw new IllegalArgumentException("HPD coverage needs log densities, and this posterior has none; "
                    + "use the KDE or Mahalanobis method");
        }
        int n = sample.size();
        int draws = sample.draws();
        boolean ellipsoids = method == Method.MAHALANOBIS;
        int[] central = hpd ? hpdCounts(sample) : ellipsoids ? mahalanobisCounts(sample) : kdeCounts(sample);

        int m = levels.length;
        double[] coverage = new double[m];
        double[] expected = new double[m];
        double[] se = new double[m];
        int worst = 0;
        double worstZ = 0.0;
        for (int k = 0; k < m; k++) {
            double threshold = levels[k] * draws;
            int inside = 0;
            for (int c : central) {
                if (c < threshold) {
                    inside++;
                }
            }
            coverage[k] = (double) inside / n;
            expected[k] = UniformRankTest.probabilityBelow(threshold, draws);
            se[k] = Math.sqrt(levels[k] * (1 - levels[k]) / n);
            double z = (coverage[k] - expected[k]) / se[k];
            if (Math.abs(z) > Math.abs(worstZ)) {
                worstZ = z;
                worst = k;
            }
        }
        double bound = NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / (2.0 * m));
        CalibrationVerdict verdict = Math.abs(worstZ) <= bound ? CalibrationVerdict.CALIBRATED
                : worstZ < 0 ? CalibrationVerdict.OVER_CONFIDENT : CalibrationVerdict.UNDER_CONFIDENT;
        String name = hpd ? HPD : ellipsoids ? MAHALANOBIS : KDE;
        String sentence = sentence(name, verdict, levels[worst], coverage[worst], expected[worst], se[worst], worstZ);
        return new CoverageResult(name, levels.clone(), coverage, expected, se, central, verdict, levels[worst],
                worstZ, sentence);
    }

    /** kᵢ = #{l : log q(θˡ) &gt; log q(θ*)}, NaN read as −∞. */
    static int[] hpdCounts(CalibrationSample sample) {
        int n = sample.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double truth = sample.logDensityTrue()[i];
            if (Double.isNaN(truth)) {
                truth = Double.NEGATIVE_INFINITY;
            }
            int count = 0;
            for (double v : sample.logDensitySamples()[i]) {
                if (v > truth) {
                    count++;
                }
            }
            out[i] = count;
        }
        return out;
    }

    /**
     * kᵢ = #{l : f(θˡ) &gt; f(θ*)} with f(p) the log of a Gaussian kernel density at p of the other L points of
     * {θ*, θ¹, …, θᴸ}, in coordinates whitened by their pooled covariance.
     */
    static int[] kdeCounts(CalibrationSample sample) {
        int n = sample.size();
        int d = sample.dimension();
        int draws = sample.draws();
        int[] out = new int[n];
        double bandwidth = Math.pow(draws + 1, -1.0 / (d + 4));
        double scale = -0.5 / (bandwidth * bandwidth);
        double[][] white = new double[draws + 1][d];
        double[] mean = new double[d];
        double[][] cov = new double[d][d];
        double[] row = new double[draws + 1];
        double[] score = new double[draws + 1];
        for (int i = 0; i < n; i++) {
            double[] truth = sample.thetaTrue()[i];
            double[][] set = sample.posteriorSamples()[i];
            moments(set, truth, mean, cov);
            double[][] chol = cholesky(cov, d);
            for (int l = 0; l <= draws; l++) {
                double[] x = l < draws ? set[l] : truth;
                whiten(x, mean, chol, white[l]);
            }
            for (int p = 0; p <= draws; p++) {
                double min = Double.POSITIVE_INFINITY;
                for (int q = 0; q <= draws; q++) {
                    if (q == p) {
                        continue;
                    }
                    double sq = 0;
                    for (int a = 0; a < d; a++) {
                        double v = white[p][a] - white[q][a];
                        sq += v * v;
                    }
                    row[q] = sq;
                    min = Math.min(min, sq);
                }
                double sum = 0;
                for (int q = 0; q <= draws; q++) {
                    if (q != p) {
                        sum += Math.exp(scale * (row[q] - min));
                    }
                }
                score[p] = scale * min + Math.log(sum);
            }
            int count = 0;
            for (int l = 0; l < draws; l++) {
                if (score[l] > score[draws]) {
                    count++;
                }
            }
            out[i] = count;
        }
        return out;
    }

    /** Mean and (lower-triangle) scatter matrix of the draws and θ* together, divided by the count. */
    private static void moments(double[][] set, double[] truth, double[] mean, double[][] cov) {
        int d = mean.length;
        int draws = set.length;
        Arrays.fill(mean, 0.0);
        for (double[] r : set) {
            for (int a = 0; a < d; a++) {
                mean[a] += r[a];
            }
        }
        for (int a = 0; a < d; a++) {
            mean[a] = (mean[a] + truth[a]) / (draws + 1);
        }
        for (double[] c : cov) {
            Arrays.fill(c, 0.0);
        }
        for (int l = 0; l <= draws; l++) {
            double[] r = l < draws ? set[l] : truth;
            for (int a = 0; a < d; a++) {
                double da = r[a] - mean[a];
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += da * (r[b] - mean[b]) / (draws + 1);
                }
            }
        }
    }

    /** z = C⁻¹(x − μ) with C the lower Cholesky factor. */
    private static void whiten(double[] x, double[] mean, double[][] chol, double[] z) {
        for (int a = 0; a < z.length; a++) {
            double v = x[a] - mean[a];
            for (int b = 0; b < a; b++) {
                v -= chol[a][b] * z[b];
            }
            z[a] = v / chol[a][a];
        }
    }

    /** kᵢ = #{l : M(θˡ) &lt; M(θ*)} with M the Mahalanobis distance under the moments of {θ*, θ¹, …, θᴸ}. */
    static int[] mahalanobisCounts(CalibrationSample sample) {
        int n = sample.size();
        int d = sample.dimension();
        int draws = sample.draws();
        int[] out = new int[n];
        double[] mean = new double[d];
        double[][] cov = new double[d][d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            double[] truth = sample.thetaTrue()[i];
            double[][] set = sample.posteriorSamples()[i];
            moments(set, truth, mean, cov);
            double[][] chol = cholesky(cov, d);
            double truthDistance = distance(truth, mean, chol, z);
            int count = 0;
            for (double[] row : set) {
                if (distance(row, mean, chol, z) < truthDistance) {
                    count++;
                }
            }
            out[i] = count;
        }
        return out;
    }

    /** Squared Mahalanobis distance |C⁻¹(x − μ)|² with C the lower Cholesky factor (forward substitution). */
    private static double distance(double[] x, double[] mean, double[][] chol, double[] z) {
        whiten(x, mean, chol, z);
        double sum = 0.0;
        for (double v : z) {
            sum += v * v;
        }
        return sum;
    }

    /** Lower Cholesky factor of the (lower triangle of the) scatter matrix, with a growing ridge if singular. */
    private static double[][] cholesky(double[][] scatter, int d) {
        double scale = 0.0;
        for (int a = 0; a < d; a++) {
            scale = Math.max(scale, scatter[a][a]);
        }
        if (!(scale > 0.0)) {
            scale = 1.0;
        }
        double ridge = 0.0;
        for (int attempt = 0; attempt < 20; attempt++) {
            double[][] c = tryCholesky(scatter, d, ridge);
            if (c != null) {
                return c;
            }
            ridge = ridge == 0.0 ? 1e-12 * scale : ridge * 100;
        }
        double[][] identity = new double[d][d];
        for (int a = 0; a < d; a++) {
            identity[a][a] = 1.0;
        }
        return identity;
    }

    private static double[][] tryCholesky(double[][] s, int d, double ridge) {
        double[][] c = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v = s[a][b] + (a == b ? ridge : 0.0);
                for (int k = 0; k < b; k++) {
                    v -= c[a][k] * c[b][k];
                }
                if (a == b) {
                    if (!(v > 0.0)) {
                        return null;
                    }
                    c[a][a] = Math.sqrt(v);
                } else {
                    c[a][b] = v / c[b][b];
                }
            }
        }
        return c;
    }

    private static String sentence(String method, CalibrationVerdict verdict, double level, double coverage,
                                   double expected, double se, double z) {
        String where = String.format(Locale.ROOT, "at credibility %.2f, %s of true parameters lie in the %s region "
                        + "(expected %s ± %s, z = %.1f)", level, UniformRankTest.percent(coverage),
                method.equals(HPD) ? "HPD" : method.equals(KDE) ? "kernel-density" : "Mahalanobis",
                UniformRankTest.percent(expected),
                UniformRankTest.percent(se), z);
        return switch (verdict) {
            case CALIBRATED -> "expected coverage (" + method + "): calibrated; the largest deviation is " + where;
            case OVER_CONFIDENT -> "expected coverage (" + method + "): over-confident (credible regions too small); "
                    + where;
            default -> "expected coverage (" + method + "): under-confident (credible regions too large); " + where;
        };
    }
}
