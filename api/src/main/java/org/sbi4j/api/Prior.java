package org.sbi4j.api;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Experimental;

/**
 * A prior distribution p(θ) over the simulator's parameters.
 *
 * <p>Implementations are immutable and thread-safe: all randomness comes from the {@code rng} argument.
 * Stock priors live in {@link org.sbi4j.api.prior}.
 */
public interface Prior {

    /** Names of the parameters, in the order of the components of θ; its size is {@link #dimension()}. */
    List<String> parameterNames();

    /** Number of parameters, the length of θ. */
    default int dimension() {
        return parameterNames().size();
    }

    /**
     * Draws {@code n} independent samples.
     *
     * @param n number of draws, at least 0
     * @param rng the only source of randomness
     * @return an {@code n × dimension()} array of fresh rows
     */
    double[][] sample(int n, UniformRandomProvider rng);

    /**
     * Log density at θ; {@code Double.NEGATIVE_INFINITY} outside the support.
     *
     * @param theta a vector of length {@link #dimension()}
     * @return log p(θ)
     */
    double logDensity(double[] theta);

    /**
     * Lower bounds of the support, per parameter ({@code Double.NEGATIVE_INFINITY} where unbounded).
     * Estimators use the bounds to choose a transform to unconstrained space (log for a positive
     * parameter, logit for an interval).
     */
    default double[] lowerBounds() {
        double[] bounds = new double[dimension()];
        java.util.Arrays.fill(bounds, Double.NEGATIVE_INFINITY);
        return bounds;
    }

    /** Upper bounds of the support, per parameter ({@code Double.POSITIVE_INFINITY} where unbounded). */
    default double[] upperBounds() {
        double[] bounds = new double[dimension()];
        java.util.Arrays.fill(bounds, Double.POSITIVE_INFINITY);
        return bounds;
    }

    /** Whether {@link #logDensityGradient} is implemented. */
    @Experimental(eta = "2027-06-30")
    default boolean hasGradient() {
        return false;
    }

    /**
     * Gradient of log p(θ) in θ, written into {@code gradient}; inside the support only.
     *
     * @param theta a vector of length {@link #dimension()}
     * @param gradient output, length {@link #dimension()}
     * @return log p(θ)
     * @throws UnsupportedOperationException when {@link #hasGradient()} is false
     */
    @Experimental(eta = "2027-06-30")
    default double logDensityGradient(double[] theta, double[] gradient) {
        throw new UnsupportedOperationException(getClass().getName() + " has no gradient");
    }

    /** Whether θ lies in the support, that is whether its log density is finite. */
    default boolean inSupport(double[] theta) {
        return logDensity(theta) > Double.NEGATIVE_INFINITY;
    }
}
