package org.sbi4j.simulators.benchmarks;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/**
 * The SLCP model (TASKS.md §5) shared by {@code slcp} and {@code slcp-distractors}: four points drawn
 * from a bivariate normal with mean (θ₁, θ₂), standard deviations θ₃², θ₄², correlation tanh θ₅ and a
 * 10⁻⁶ diagonal jitter, flattened point by point into 8 numbers.
 */
final class SlcpModel {
    /** Number of parameters. */
    static final int PARAMETERS = 5;
    /** Number of data: 4 points × 2 coordinates. */
    static final int DATA = 8;
    /** Prior box half-width: θᵢ ~ U(−3, 3). */
    static final double PRIOR_BOUND = 3;
    private static final int POINTS = 4;
    private static final double JITTER = 1e-6;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private SlcpModel() {
    }

    /**
     * Writes one simulation into {@code out[offset..offset+7]}.
     *
     * @param theta the 5 parameters
     * @param normal standard normal draws
     * @param out destination
     * @param offset first index written
     */
    static void simulate(double[] theta, NormalizedGaussianSampler normal, double[] out, int offset) {
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        double rho = Math.tanh(theta[4]);
        // Cholesky factor of Σ = [[s1², ρ s1 s2], [ρ s1 s2, s2²]] + 1e-6·I
        double l11 = Math.sqrt(s1 * s1 + JITTER);
        double l21 = rho * s1 * s2 / l11;
        double l22 = Math.sqrt(s2 * s2 + JITTER - l21 * l21);
        for (int p = 0; p < POINTS; p++) {
            double z1 = normal.sample();
            double z2 = normal.sample();
            out[offset + 2 * p] = theta[0] + l11 * z1;
            out[offset + 2 * p + 1] = theta[1] + l21 * z1 + l22 * z2;
        }
    }

    /**
     * Log likelihood of the 8 SLCP numbers, read as {@code x[index[0]], ..., x[index[7]]}.
     *
     * @param theta the 5 parameters
     * @param x the data row
     * @param index positions of the 8 SLCP numbers in {@code x}
     * @return the sum of the four bivariate normal log densities
     */
    static double logLikelihood(double[] theta, double[] x, int[] index) {
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        double rho = Math.tanh(theta[4]);
        double l11 = Math.sqrt(s1 * s1 + JITTER);
        double l21 = rho * s1 * s2 / l11;
        double l22 = Math.sqrt(s2 * s2 + JITTER - l21 * l21);
        double quadratic = 0;
        for (int p = 0; p < POINTS; p++) {
            double w1 = (x[index[2 * p]] - theta[0]) / l11;
            double w2 = (x[index[2 * p + 1]] - theta[1] - l21 * w1) / l22;
            quadratic += w1 * w1 + w2 * w2;
        }
        return -0.5 * quadratic - POINTS * (Math.log(l11) + Math.log(l22) + LOG_2PI);
    }
}
