package org.sbi4j.api;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Experimental;

/**
 * What the runtime offers an estimator while it fits: reproducible random streams, a thread budget and a
 * listener for progress.
 */
public interface FitContext {

    /** The run's master seed. */
    long seed();

    /**
     * A random stream derived from the master seed and a name; the same name always yields the same
     * stream, different names independent streams.
     *
     * @param name what the stream is for, e.g. {@code "init"} or {@code "shuffle"}
     * @return a fresh generator positioned at the start of that stream
     */
    UniformRandomProvider random(String name);

    /** How many threads the estimator may use. */
    int threads();

    /** Where progress goes. */
    TrainingListener listener();

    /**
     * Runs the simulator at the given parameters through the runtime's engine, for an estimator that simulates
     * while it fits (sequential rounds, simulator feedback): parallel batches, batch {@code b} seeded by the stream
     * {@code (stream, b)} of the run's seed (so the result is the same for any thread count), the run's policy for
     * failed runs applied and counted, progress shown.
     *
     * <p>Give every call its own stream name (e.g. {@code "round-2"}): the same name gives the same noise.
     *
     * @param stream the name of the random stream
     * @param theta {@code n × d} parameters, one row per simulation (not modified)
     * @return one data row per parameter row; failed or non-finite runs are marked invalid, never dropped, so rows
     *     stay aligned with {@code theta}
     * @throws SbiException when the run's policy is to fail on an invalid simulation and one occurred
     */
    @Experimental(eta = "2027-06-30")
    SimulationResult simulate(String stream, double[][] theta);
}
