package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.NormalPrior;

/**
 * sbibm's Gaussian Linear task (TASKS.md §3): θ ~ N(0, 0.1·I₁₀), x = θ + N(0, 0.1·I₁₀); the exact posterior
 * is N(x₀/2, 0.05·I₁₀).
 */
public final class GaussianLinearSimulator extends AdditiveGaussianNoiseTask {
    private static final double PRIOR_VARIANCE = 0.1;
    private static final double POSTERIOR_VARIANCE = 1 / (1 / PRIOR_VARIANCE + 1 / NOISE_VARIANCE);
    private static final double POSTERIOR_SD = Math.sqrt(POSTERIOR_VARIANCE);
    private static final double MEAN_FACTOR = POSTERIOR_VARIANCE / NOISE_VARIANCE;

    /** The task without reference data. */
    public GaussianLinearSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../gaussian_linear}), or {@code null}
     */
    public GaussianLinearSimulator(Path referenceFolder) {
        super(new NormalPrior(new double[DIMENSION], filled(Math.sqrt(PRIOR_VARIANCE)), names()), referenceFolder);
    }

    private static double[] filled(double value) {
        double[] a = new double[DIMENSION];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Override
    public double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng) {
        checkData(observation);
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][DIMENSION];
        for (double[] row : out) {
            for (int j = 0; j < DIMENSION; j++) {
                row[j] = MEAN_FACTOR * observation[j] + POSTERIOR_SD * normal.sample();
            }
        }
        return out;
    }

    @Override
    public double posteriorLogDensity(double[] theta, double[] observation) {
        checkParameters(theta);
        checkData(observation);
        double sum = 0;
        for (int j = 0; j < DIMENSION; j++) {
            sum += Gaussian.logDensity(theta[j], MEAN_FACTOR * observation[j], POSTERIOR_SD);
        }
        return sum;
    }
}
