package org.sbi4j.api;

import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

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
