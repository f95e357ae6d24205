package org.sbi4j.api;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Optional capability of a {@link Simulator}: its exact posterior under its own
 * {@link Simulator#defaultPrior() default prior} can be sampled (and possibly evaluated) for any
 * observation. Test problems with closed-form posteriors implement it, so that accuracy can be measured
 * against the truth for observations that have no stored reference.
 */
public interface AnalyticPosterior {

    /**
     * Exact draws from p(θ | x₀) under the default prior.
     *
     * @param observation x₀
     * @param n number of draws
     * @param rng the only source of randomness
     * @return an {@code n × d} array
     */
    double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng);

    /** Whether {@link #posteriorLogDensity} is implemented. */
    default boolean hasPosteriorDensity() {
        return false;
    }

    /**
     * The normalised log density log p(θ | x₀) under the default prior.
     *
     * @param theta parameters
     * @param observation x₀
     * @return the log density ({@code Double.NEGATIVE_INFINITY} outside the support)
     * @throws UnsupportedOperationException when {@link #hasPosteriorDensity()} is false
     */
    default double posteriorLogDensity(double[] theta, double[] observation) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no closed-form posterior density");
    }
}
