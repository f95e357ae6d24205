package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Per-parameter mean and standard deviation of a (possibly weighted) sample, with their Monte Carlo
 * standard errors from the delta method: for self-normalised weights w̄ᵢ,
 * var(mean) ≈ Σ w̄ᵢ² (θᵢ − μ)² and var(σ̂²) ≈ Σ w̄ᵢ² ((θᵢ − μ)² − σ²)², se(σ̂) = se(σ̂²) / (2σ). With equal
 * weights these are the usual iid formulas (σ²/n and (m₄ − σ⁴)/n). They account for the effective sample
 * size of importance weights.
 */
record Moments(double[] mean, double[] sd, double[] seMean, double[] seSd, double effectiveSampleSize) {

    /** Moments of equally weighted draws. */
    static Moments of(double[][] samples) {
        double[] logWeights = new double[samples.length];
        return weighted(samples, logWeights);
    }

    /**
     * Moments of self-normalised importance-weighted draws.
     *
     * @param samples draws, one per row
     * @param logWeights unnormalised log weights ({@code -Infinity} allowed)
     * @return the moments
     */
    static Moments weighted(double[][] samples, double[] logWeights) {
        int n = samples.length;
        int d = samples[0].length;
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            max = Math.max(max, lw);
        }
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(logWeights[i] - max);
            total += w[i];
        }
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            w[i] /= total;
            sumSquares += w[i] * w[i];
        }
        double[] mean = new double[d];
        double[] sd = new double[d];
        double[] seMean = new double[d];
        double[] seSd = new double[d];
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += w[i] * samples[i][j];
            }
            double var = 0;
            for (int i = 0; i < n; i++) {
                double c = samples[i][j] - m;
                var += w[i] * c * c;
            }
            double varMean = 0;
            double varVar = 0;
            for (int i = 0; i < n; i++) {
                double c = samples[i][j] - m;
                double c2 = c * c - var;
                varMean += w[i] * w[i] * c * c;
                varVar += w[i] * w[i] * c2 * c2;
            }
            mean[j] = m;
            sd[j] = Math.sqrt(var);
            seMean[j] = Math.sqrt(varMean);
            seSd[j] = Math.sqrt(varVar) / (2 * sd[j]);
        }
        return new Moments(mean, sd, seMean, seSd, 1 / sumSquares);
    }

    /**
     * Asserts that two estimates of the same posterior agree: every mean and sd within {@code k} combined
     * Monte Carlo standard errors.
     *
     * @param other the other estimate
     * @param k how many standard errors
     * @param names parameter names for the messages
     */
    void assertAgreesWith(Moments other, double k, List<String> names) {
        double maxZ = 0;
        for (int j = 0; j < mean.length; j++) {
            maxZ = Math.max(maxZ, Math.abs(mean[j] - other.mean[j]) / Math.hypot(seMean[j], other.seMean[j]));
            maxZ = Math.max(maxZ, Math.abs(sd[j] - other.sd[j]) / Math.hypot(seSd[j], other.seSd[j]));
        }
        System.out.printf("moments agree: largest |difference| / se = %.2f (limit %.1f), ess %.0f vs %.0f%n", maxZ, k,
                effectiveSampleSize, other.effectiveSampleSize);
        for (int j = 0; j < mean.length; j++) {
            double seM = Math.hypot(seMean[j], other.seMean[j]);
            double seS = Math.hypot(seSd[j], other.seSd[j]);
            assertThat(mean[j]).as("mean of %s (se %.2g, ess %.0f vs %.0f)", names.get(j), seM,
                    effectiveSampleSize, other.effectiveSampleSize).isCloseTo(other.mean[j],
                    org.assertj.core.data.Offset.offset(k * seM));
            assertThat(sd[j]).as("sd of %s (se %.2g, ess %.0f vs %.0f)", names.get(j), seS,
                    effectiveSampleSize, other.effectiveSampleSize).isCloseTo(other.sd[j],
                    org.assertj.core.data.Offset.offset(k * seS));
        }
    }
}
