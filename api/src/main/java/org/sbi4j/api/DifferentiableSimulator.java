package org.sbi4j.api;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Optional capability: a simulator written as a deterministic function x = f(θ, z) of the parameters
 * and explicit standard-normal noise z, with vector–Jacobian products of x in θ.
 *
 * <p>Fixing z makes the simulator differentiable; gradient-feedback estimators (flow matching with
 * simulator feedback) and gradient-based samplers use it. {@link #simulate(double[][], UniformRandomProvider)}
 * must equal {@link #simulate(double[][], double[][])} with z drawn by {@link #sampleNoise}.
 */
public interface DifferentiableSimulator extends Simulator {

    /** Length of the noise vector z of one run (0 for a deterministic simulator). */
    int noiseDimension();

    /**
     * Draws noise for {@code n} runs. The default draws independent standard normals, row by row, from one
     * Commons RNG {@link ZigguratSampler.NormalizedGaussian} on {@code rng}; a simulator with other noise
     * overrides it and documents what it draws.
     *
     * @param n number of runs
     * @param rng the only source of randomness
     * @return an {@code n × noiseDimension()} array
     */
    default double[][] sampleNoise(int n, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] noise = new double[n][noiseDimension()];
        for (double[] row : noise) {
            for (int k = 0; k < row.length; k++) {
                row[k] = normal.sample();
            }
        }
        return noise;
    }

    /**
     * Simulates with fixed noise.
     *
     * @param theta {@code n × d} parameters
     * @param noise {@code n × noiseDimension()} noise
     * @return the data, deterministic given both arguments
     */
    SimulationResult simulate(double[][] theta, double[][] noise);

    /**
     * Vector–Jacobian products: for each row i, {@code (∂x_i/∂θ_i)ᵀ · cotangent_i}.
     *
     * @param theta {@code n × d} parameters
     * @param noise {@code n × noiseDimension()} noise
     * @param cotangent {@code n × dataDimension} vectors multiplying the Jacobian from the left
     * @return {@code n × d} gradients
     */
    double[][] vectorJacobianProduct(double[][] theta, double[][] noise, double[][] cotangent);

    @Override
    default SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        return simulate(theta, sampleNoise(theta.length, rng));
    }
}
