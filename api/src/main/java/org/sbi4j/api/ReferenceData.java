package org.sbi4j.api;

/**
 * Stored reference observations of a benchmark task, each with the parameters that generated it and
 * samples from its reference posterior. Observation numbers start at 1.
 */
public interface ReferenceData {

    /** Number of stored observations. */
    int observationCount();

    /** The observed data x₀ of observation {@code number}. */
    double[] observation(int number);

    /** The parameters θ* that generated observation {@code number}. */
    double[] trueParameters(int number);

    /** Samples from the reference posterior p(θ | x₀) of observation {@code number}. */
    double[][] referenceSamples(int number);
}
