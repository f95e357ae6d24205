package org.sbi4j.samplers.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.LogDensity;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Proposal;
import org.sbi4j.api.SamplingProblem;

/** Targets with known answers, and the helpers the tests share. */
final class Targets {

    private Targets() {
    }

    /** A log density given row by row, with an optional gradient. */
    interface Row {
        double logDensity(double[] theta, double[] gradient);
    }

    static LogDensity density(int d, Row row, boolean withGradient) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double[] logDensity(double[][] theta) {
                double[] out = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    out[i] = row.logDensity(theta[i], new double[d]);
                }
                return out;
            }

            @Override
            public boolean hasGradient() {
                return withGradient;
            }

            @Override
            public double[] logDensityGradient(double[][] theta, double[][] gradient) {
                if (!withGradient) {
                    throw new UnsupportedOperationException("no gradient");
                }
                double[] out = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    out[i] = row.logDensity(theta[i], gradient[i]);
                }
                return out;
            }
        };
    }

    /** A Gaussian N(mean, cov) with its gradient. */
    static LogDensity gaussian(double[] mean, double[][] cov) {
        int d = mean.length;
        double[][] precision = inverse(cov);
        return density(d, (theta, g) -> {
            double q = 0;
            for (int i = 0; i < d; i++) {
                double gi = 0;
                for (int j = 0; j < d; j++) {
                    gi -= precision[i][j] * (theta[j] - mean[j]);
                }
                g[i] = gi;
                q += (theta[i] - mean[i]) * gi;
            }
            return 0.5 * q;
        }, true);
    }

    /** The 10-d correlated Gaussian: sd 1..10 (log-spaced), correlation 0.5^|i−j|. */
    static double[][] correlatedCovariance(int d) {
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double si = Math.pow(10, i / (d - 1.0));
                double sj = Math.pow(10, j / (d - 1.0));
                cov[i][j] = si * sj * Math.pow(0.5, Math.abs(i - j));
            }
        }
        return cov;
    }

    /**
     * A banana: θ₁ ~ N(0, 1), θ₂ | θ₁ ~ N(θ₁², 0.5²). E θ = (0, 1), Var θ₁ = 1, Var θ₂ = 0.25 + 2 = 2.25.
     */
    static LogDensity banana() {
        return density(2, (t, g) -> {
            double r = t[1] - t[0] * t[0];
            g[0] = -t[0] + r / 0.25 * 2 * t[0];
            g[1] = -r / 0.25;
            return -0.5 * t[0] * t[0] - 0.5 * r * r / 0.25;
        }, true);
    }

    /** A 1-d mixture w N(−a, 1) + (1 − w) N(a, 1). */
    static LogDensity mixture(double w, double a) {
        return density(1, (t, g) -> {
            double l1 = Math.log(w) - 0.5 * (t[0] + a) * (t[0] + a);
            double l2 = Math.log(1 - w) - 0.5 * (t[0] - a) * (t[0] - a);
            double m = Math.max(l1, l2);
            double lse = m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m));
            double p1 = Math.exp(l1 - lse);
            g[0] = -p1 * (t[0] + a) - (1 - p1) * (t[0] - a);
            return lse;
        }, true);
    }

    /** A prior with the given bounds whose draws are N(0, sd²) clipped into the bounds' interior. */
    static Prior prior(double[] lower, double[] upper, double sd) {
        int d = lower.length;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            names.add("theta_" + (i + 1));
        }
        return new Prior() {
            @Override
            public List<String> parameterNames() {
                return names;
            }

            @Override
            public double[][] sample(int n, UniformRandomProvider rng) {
                double[][] out = new double[n][d];
                for (int r = 0; r < n; r++) {
                    for (int i = 0; i < d; i++) {
                        double lo = lower[i];
                        double hi = upper[i];
                        if (Double.isFinite(lo) && Double.isFinite(hi)) {
                            out[r][i] = lo + (hi - lo) * (0.001 + 0.998 * rng.nextDouble());
                        } else {
                            double v = sd * ChainKernel.normal(rng);
                            out[r][i] = Double.isFinite(lo) ? lo + Math.abs(v) + 1e-9
                                    : Double.isFinite(hi) ? hi - Math.abs(v) - 1e-9 : v;
                        }
                    }
                }
                return out;
            }

            @Override
            public double logDensity(double[] theta) {
                for (int i = 0; i < d; i++) {
                    if (!(theta[i] > lower[i] && theta[i] < upper[i])) {
                        return Double.NEGATIVE_INFINITY;
                    }
                }
                return 0;
            }

            @Override
            public double[] lowerBounds() {
                return lower.clone();
            }

            @Override
            public double[] upperBounds() {
                return upper.clone();
            }
        };
    }

    static Prior unbounded(int d, double sd) {
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return prior(lo, hi, sd);
    }

    /** A problem whose proposal is the prior's sampler, with no density (chains start by weighing the target). */
    static SamplingProblem problem(LogDensity target, Prior prior, int threads) {
        Proposal proposal = new Proposal() {
            @Override
            public double[][] sample(int n, UniformRandomProvider rng) {
                return prior.sample(n, rng);
            }

            @Override
            public boolean hasLogDensity() {
                return false;
            }

            @Override
            public boolean isLogDensityNormalized() {
                return false;
            }

            @Override
            public double[] logDensity(double[][] theta) {
                throw new UnsupportedOperationException();
            }
        };
        return new SamplingProblem(target, prior, proposal, threads);
    }

    /** The draws of chain c when n = chains × kept (iteration-major order). */
    static double[][] chains(double[][] samples, int chains, ToDoubleFunction<double[]> f) {
        int kept = samples.length / chains;
        double[][] out = new double[chains][kept];
        for (int k = 0; k < kept; k++) {
            for (int c = 0; c < chains; c++) {
                out[c][k] = f.applyAsDouble(samples[k * chains + c]);
            }
        }
        return out;
    }

    /**
     * How many Monte-Carlo standard errors the sample mean of f is from {@code expected}, with the standard error
     * from the chains' effective sample size.
     */
    static double zScore(double[][] samples, int chains, ToDoubleFunction<double[]> f, double expected) {
        double[][] x = chains(samples, chains, f);
        double[] flat = java.util.Arrays.stream(x).flatMapToDouble(java.util.Arrays::stream).toArray();
        double mean = ChainDiagnostics.mean(flat);
        double sd = Math.sqrt(ChainDiagnostics.variance(flat, mean));
        double ess = ChainDiagnostics.meanEss(x);
        return (mean - expected) / (sd / Math.sqrt(ess));
    }

    static double[][] inverse(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][2 * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], 0, m[i], 0, d);
            m[i][d + i] = 1;
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double p = m[col][col];
            for (int j = 0; j < 2 * d; j++) {
                m[col][j] /= p;
            }
            for (int r = 0; r < d; r++) {
                if (r != col) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * d; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], d, out[i], 0, d);
        }
        return out;
    }
}
