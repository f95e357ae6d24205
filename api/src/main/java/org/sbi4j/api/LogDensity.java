package org.sbi4j.api;

import org.sbi4j.spi.Experimental;

/**
 * A log density over θ, known up to an additive constant: what a {@link Sampler} draws from. Batched, because
 * the densities behind it (a neural network, a likelihood) are cheapest to evaluate many rows at a time.
 *
 * <p>Implementations are thread-safe.
 */
@Experimental(eta = "2027-06-30")
public interface LogDensity {

    /** The length of θ. */
    int dimension();

    /**
     * Log densities of a batch; {@code Double.NEGATIVE_INFINITY} where the density is zero.
     *
     * @param theta {@code n × dimension()} parameters (not modified)
     * @return {@code n} log densities
     */
    double[] logDensity(double[][] theta);

    /** Whether {@link #logDensityGradient} is implemented. */
    default boolean hasGradient() {
        return false;
    }

    /**
     * Log densities and their gradients in θ of a batch.
     *
     * @param theta {@code n × dimension()} parameters (not modified)
     * @param gradient output: {@code n × dimension()}, overwritten with ∇_θ log p(θ)
     * @return {@code n} log densities
     * @throws UnsupportedOperationException when {@link #hasGradient()} is false
     */
    default double[] logDensityGradient(double[][] theta, double[][] gradient) {
        throw new UnsupportedOperationException(getClass().getName() + " has no gradient");
    }
}
