package org.sbi4j.simulators.mixtures;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The exact posterior p(θ | x₀) of one of this plugin's tasks for one fixed observation x₀, under the task's
 * default prior. Immutable and thread-safe: prepare it once per observation, then sample and evaluate it as
 * often as needed (for KL estimates, bridge-mass metrics or reference samples).
 */
public interface ExactPosterior {

    /** Number of parameters. */
    int dimension();

    /**
     * Exact independent draws.
     *
     * @param n number of draws, at least 0
     * @param rng the only source of randomness
     * @return an {@code n × dimension()} array
     */
    double[][] sample(int n, UniformRandomProvider rng);

    /**
     * The normalised log density.
     *
     * @param theta parameters
     * @return log p(θ | x₀); {@code Double.NEGATIVE_INFINITY} outside the prior box
     */
    double logDensity(double[] theta);

    /** The nominal centre of each mode, one row per mode (a fresh copy). */
    double[][] modeCentres();

    /**
     * The posterior mass that belongs to each mode, in the order of {@link #modeCentres()}; the entries
     * sum to 1 (a fresh copy).
     */
    double[] modeWeights();
}
