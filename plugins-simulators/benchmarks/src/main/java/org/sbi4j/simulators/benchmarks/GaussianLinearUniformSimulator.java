package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.TruncatedNormal;

/**
 * sbibm's Gaussian Linear Uniform task (TASKS.md §4): θ ~ U(−1, 1)¹⁰, x = θ + N(0, 0.1·I₁₀); the exact
 * posterior is N(x₀, 0.1·I₁₀) truncated to the box, a product of independent truncated normals.
 */
public final class GaussianLinearUniformSimulator extends AdditiveGaussianNoiseTask {
    private static final double LOW = -1;
    private static final double HIGH = 1;

    /** The task without reference data. */
    public GaussianLinearUniformSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../gaussian_linear_uniform}), or {@code null}
     */
    public GaussianLinearUniformSimulator(Path referenceFolder) {
        super(BoxUniformPrior.cube(DIMENSION, LOW, HIGH).withNames(names()), referenceFolder);
    }

    @Override
    public double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng) {
        checkData(observation);
        double[][] out = new double[n][DIMENSION];
        for (double[] row : out) {
            for (int j = 0; j < DIMENSION; j++) {
                row[j] = TruncatedNormal.sample(observation[j], NOISE_SD, LOW, HIGH, rng);
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
            sum += TruncatedNormal.logDensity(theta[j], observation[j], NOISE_SD, LOW, HIGH);
        }
        return sum;
    }
}
