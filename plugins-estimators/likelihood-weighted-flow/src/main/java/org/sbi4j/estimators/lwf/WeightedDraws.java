package org.sbi4j.estimators.lwf;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.WeightedGaussianMixture;

/**
 * One observation's importance-weighted draws, compressed for training: at most a fixed number of distinct θ
 * rows with normalised weights (summing to 1), plus what the weighting looked like before compression.
 *
 * @param theta kept θ rows
 * @param weights their normalised weights
 * @param ess Kish effective sample size of all the draws under the untempered target
 * @param beta the tempering exponent the kept weights use (1 = the posterior itself)
 */
record WeightedDraws(double[][] theta, double[] weights, double ess, double beta) {

    /**
     * Weighs draws from a proposal g and compresses them.
     *
     * @param theta the draws
     * @param logLikelihood log p(x | θ_i)
     * @param logPriorOverProposal log π(θ_i) − log g(θ_i) (−∞ outside the prior support)
     * @param temper whether a collapsed effective sample size may be raised by tempering
     * @param minEss the collapse threshold
     * @param cap most rows kept
     * @param rng resampling stream
     * @return the compressed draws
     */
    static WeightedDraws weigh(double[][] theta, double[] logLikelihood, double[] logPriorOverProposal,
                               boolean temper, double minEss, int cap, UniformRandomProvider rng) {
        int m = theta.length;
        double[] logW = new double[m];
        double ess = tempered(logLikelihood, logPriorOverProposal, 1.0, logW);
        double beta = 1.0;
        if (temper && ess < minEss) {
            double target = Math.min(2 * minEss, m / 2.0);
            double low = 0;
            double high = 1;
            for (int i = 0; i < 40; i++) {
                double mid = 0.5 * (low + high);
                if (tempered(logLikelihood, logPriorOverProposal, mid, logW) >= target) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            beta = low;
        }
        double[] w = new double[m];
        tempered(logLikelihood, logPriorOverProposal, beta, logW);
        double lse = WeightedGaussianMixture.logSumExp(logW, m);
        if (lse == Double.NEGATIVE_INFINITY || Double.isNaN(lse)) {
            return new WeightedDraws(new double[0][], new double[0], 0, beta);
        }
        int nonZero = 0;
        for (int i = 0; i < m; i++) {
            w[i] = Math.exp(logW[i] - lse);
            nonZero += w[i] > 0 ? 1 : 0;
        }
        return compress(theta, w, nonZero, cap, ess, beta, rng);
    }

    /** Log weights β·log L + log π − log g into {@code out}; returns their Kish effective sample size. */
    private static double tempered(double[] logL, double[] logRatio, double beta, double[] out) {
        for (int i = 0; i < logL.length; i++) {
            double v = beta * logL[i] + logRatio[i];
            out[i] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }
        double lse = WeightedGaussianMixture.logSumExp(out, out.length);
        if (lse == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double s2 = 0;
        for (double v : out) {
            double w = Math.exp(v - lse);
            s2 += w * w;
        }
        return 1 / s2;
    }

    private static WeightedDraws compress(double[][] theta, double[] w, int nonZero, int cap, double ess,
                                          double beta, UniformRandomProvider rng) {
        double[] keep = w;
        if (nonZero > cap) {
            // systematic resampling: cap equally spaced points on the weights' cumulative sum
            keep = new double[w.length];
            double u = rng.nextDouble() / cap;
            double cumulative = 0;
            int i = 0;
            for (int s = 0; s < cap; s++) {
                double point = u + (double) s / cap;
                while (i < w.length - 1 && cumulative + w[i] <= point) {
                    cumulative += w[i];
                    i++;
                }
                keep[i] += 1.0 / cap;
            }
        }
        int distinct = 0;
        for (double v : keep) {
            distinct += v > 0 ? 1 : 0;
        }
        double[][] kept = new double[distinct][];
        double[] weights = new double[distinct];
        int k = 0;
        for (int j = 0; j < keep.length; j++) {
            if (keep[j] > 0) {
                kept[k] = theta[j];
                weights[k++] = keep[j];
            }
        }
        return new WeightedDraws(kept, weights, ess, beta);
    }

    /**
     * At most {@code cap} distinct rows representing weighted points: all of them when they are no more, else a
     * systematic resample (duplicates merged into weights).
     *
     * @param theta rows
     * @param w non-negative weights with a positive sum
     * @param cap most rows
     * @param rng resampling stream
     * @return the rows with normalised weights (ESS and β not meaningful: NaN and 1)
     */
    static WeightedDraws resample(double[][] theta, double[] w, int cap, UniformRandomProvider rng) {
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[] normalised = new double[w.length];
        int nonZero = 0;
        for (int i = 0; i < w.length; i++) {
            normalised[i] = w[i] / total;
            nonZero += normalised[i] > 0 ? 1 : 0;
        }
        return compress(theta, normalised, nonZero, cap, Double.NaN, 1, rng);
    }

    /** Number of kept rows. */
    int size() {
        return theta.length;
    }

    /** Whether the untempered weights collapsed below {@code minEss}. */
    boolean collapsed(double minEss) {
        return ess < minEss;
    }

    @Override
    public String toString() {
        return "WeightedDraws[" + theta.length + " rows, ess " + ess + ", beta " + beta + ", weights "
                + Arrays.toString(Arrays.copyOf(weights, Math.min(4, weights.length))) + "…]";
    }
}
