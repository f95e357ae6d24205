package org.sbi4j.api;

import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Experimental;

/**
 * A fitted, amortized posterior q(θ | x): draw samples or evaluate the density for any observation x₀.
 *
 * <p>Implementations are thread-safe for concurrent sampling with distinct generators.
 */
public interface Posterior {

    /** Names of the parameters, the columns of every sample. */
    List<String> parameterNames();

    /**
     * Draws samples from q(θ | x₀).
     *
     * @param observation x₀, of the simulator's data length
     * @param n number of samples
     * @param rng the only source of randomness
     * @return an {@code n × d} array
     */
    double[][] sample(double[] observation, int n, UniformRandomProvider rng);

    /** Whether {@link #logDensity} is available. */
    default boolean hasLogDensity() {
        return false;
    }

    /**
     * Log density log q(θ | x₀) for a batch of θ.
     *
     * @param theta {@code n × d} parameters
     * @param observation x₀
     * @return {@code n} log densities
     * @throws UnsupportedOperationException when {@link #hasLogDensity()} is false
     */
    default double[] logDensity(double[][] theta, double[] observation) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no density");
    }

    /**
     * Whether {@link #logDensity} is normalised (integrates to one over θ). An unnormalised density is known only up
     * to a constant: fine for Markov chains, but no evidence estimate or highest-density level can come from it.
     */
    @Experimental(eta = "2027-06-30")
    default boolean isLogDensityNormalized() {
        return false;
    }

    /**
     * Whether this posterior is known only through its unnormalised {@link #logDensity} (a likelihood-to-evidence
     * ratio times the prior, or prior × likelihood), so that {@link #sample} cannot draw by itself: the runtime
     * then draws with a {@link Sampler}, the configured one or a default, with the log density as the target.
     * Such a posterior has a log density, and its {@link #sample} may throw {@link UnsupportedOperationException}.
     */
    @Experimental(eta = "2027-06-30")
    default boolean needsSampler() {
        return false;
    }

    /** Whether {@link #logDensityGradient} is available. */
    @Experimental(eta = "2027-06-30")
    default boolean hasLogDensityGradient() {
        return false;
    }

    /**
     * Log densities and their gradients in θ, for gradient-based samplers.
     *
     * @param theta {@code n × d} parameters
     * @param observation x₀
     * @param gradient output: {@code n × d}, overwritten with ∇_θ log q(θ | x₀)
     * @return {@code n} log densities
     * @throws UnsupportedOperationException when {@link #hasLogDensityGradient()} is false
     */
    @Experimental(eta = "2027-06-30")
    default double[] logDensityGradient(double[][] theta, double[] observation, double[][] gradient) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no density gradient");
    }

    /**
     * Draws samples for many observations in one call; override to batch the work (a network embeds all
     * observations at once). The default draws them one after another from {@code rng}.
     *
     * @param observations {@code m} observations
     * @param n number of samples per observation
     * @param rng the only source of randomness
     * @return {@code m} arrays of {@code n × d} samples, in the order of the observations
     */
    @Experimental(eta = "2027-06-30")
    default double[][][] sample(double[][] observations, int n, UniformRandomProvider rng) {
        double[][][] out = new double[observations.length][][];
        for (int i = 0; i < observations.length; i++) {
            out[i] = sample(observations[i], n, rng);
        }
        return out;
    }

    /** Statistics of the fit that produced this posterior. */
    default TrainingSummary trainingSummary() {
        return TrainingSummary.of(java.util.Map.of());
    }

    /**
     * Writes everything needed to restore this posterior; the estimator factory's {@code load} reads it back.
     *
     * @param out where to write arrays and properties
     * @throws IOException when writing fails
     */
    void save(ModelWriter out) throws IOException;
}
