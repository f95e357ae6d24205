package org.sbi4j.runtime.sample;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.SbiException;

/**
 * Self-normalised importance weights of proposal draws θᵢ ~ q(θ | x₀) for a target density t(θ), usually
 * π(θ) p(x₀ | θ), with the quantities of neural importance sampling (Dax et al. 2023, "Neural importance sampling
 * for rapid and reliable gravitational-wave inference"): log wᵢ = log t(θᵢ) − log q(θᵢ | x₀) (zero weight where
 * the target is zero);
 * evidence log Ẑ = logsumexp(log w) − log n; Kish effective sample size n_eff = (Σw)² / Σw²; sample efficiency
 * ε = n_eff / n; standard error of log Ẑ = √((n − n_eff) / (n · n_eff)) (delta method).
 *
 * @param theta the proposal draws, {@code n × d}
 * @param logWeights log wᵢ ({@code −∞} for zero weight)
 * @param logEvidence log Ẑ, the estimated log marginal likelihood log p(x₀)
 * @param logEvidenceStandardError the standard error of log Ẑ
 * @param effectiveSampleSize Kish's n_eff
 * @param sampleEfficiency n_eff / n, in (0, 1]
 * @param zeroWeights draws outside the prior's support or with zero likelihood
 */
public record ImportanceWeights(double[][] theta, double[] logWeights, double logEvidence,
                                double logEvidenceStandardError, double effectiveSampleSize,
                                double sampleEfficiency, int zeroWeights) {

    /**
     * Computes the weights and their summaries.
     *
     * @param theta the proposal draws
     * @param logTarget log t(θᵢ), {@code −∞} outside the prior's support
     * @param logProposal log q(θᵢ | x₀), normalised for the evidence to be meaningful
     * @return the weights
     */
    public static ImportanceWeights of(double[][] theta, double[] logTarget, double[] logProposal) {
        int n = theta.length;
        if (n == 0 || logTarget.length != n || logProposal.length != n) {
            throw new IllegalArgumentException("importance sampling needs one target and proposal value per draw ("
                    + n + " draws)");
        }
        double[] logW = new double[n];
        for (int i = 0; i < n; i++) {
            double lw = logTarget[i] - logProposal[i];
            if (Double.isNaN(lw) || lw == Double.NEGATIVE_INFINITY || logTarget[i] == Double.NEGATIVE_INFINITY) {
                lw = Double.NEGATIVE_INFINITY;
            } else if (lw == Double.POSITIVE_INFINITY) {
                throw new SbiException(org.sbi4j.api.ErrorType.USER_ERROR, "an importance weight is infinite: the "
                        + "proposal density is zero at a draw it produced (log q = " + logProposal[i] + "); the "
                        + "posterior's logDensity disagrees with its sampler");
            }
            logW[i] = lw;
        }
        return fromLogWeights(theta, logW);
    }

    /**
     * The summaries of given log weights.
     *
     * @param theta the proposal draws
     * @param logW log wᵢ, {@code −∞} for zero weight
     * @return the weights
     */
    public static ImportanceWeights fromLogWeights(double[][] theta, double[] logW) {
        int n = theta.length;
        int zero = 0;
        for (double lw : logW) {
            if (lw == Double.NEGATIVE_INFINITY) {
                zero++;
            }
        }
        double max = Arrays.stream(logW).max().orElseThrow();
        if (max == Double.NEGATIVE_INFINITY) {
            throw SbiException.userError("every one of " + n + " importance weights is zero: the proposal put no "
                    + "draw where prior × likelihood is positive; the trained posterior misses the observation "
                    + "entirely (check x₀ and the prior)");
        }
        double sum = 0;
        double sumSq = 0;
        for (double lw : logW) {
            double w = Math.exp(lw - max);
            sum += w;
            sumSq += w * w;
        }
        double logEvidence = max + Math.log(sum) - Math.log(n);
        double ess = sum * sum / sumSq;
        double se = Math.sqrt(Math.max(0, n - ess) / (n * ess));
        return new ImportanceWeights(theta, logW, logEvidence, se, ess, ess / n, zero);
    }

    /** The number of proposal draws. */
    public int size() {
        return theta.length;
    }

    /** Normalised weights w̄ᵢ = wᵢ / mean(w), so that their mean is 1. */
    public double[] normalisedWeights() {
        double[] w = new double[logWeights.length];
        double logMean = logEvidence;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logWeights[i] - logMean);
        }
        return w;
    }

    /**
     * Draws {@code n} rows with probabilities ∝ wᵢ by systematic resampling (one uniform, low variance), in a
     * random order.
     *
     * @param n rows wanted
     * @param rng the only source of randomness
     * @return an {@code n × d} array of copies of proposal draws
     */
    public double[][] resample(int n, UniformRandomProvider rng) {
        double[] w = normalisedWeights();
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[][] out = new double[n][];
        double step = total / n;
        double u = rng.nextDouble() * step;
        double cumulative = w[0];
        int j = 0;
        for (int i = 0; i < n; i++) {
            double target = u + i * step;
            while (cumulative < target && j < w.length - 1) {
                j++;
                cumulative += w[j];
            }
            out[i] = theta[j].clone();
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            double[] t = out[i];
            out[i] = out[k];
            out[k] = t;
        }
        return out;
    }
}
