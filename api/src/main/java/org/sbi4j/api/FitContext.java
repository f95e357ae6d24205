package org.sbi4j.api;

import org.apache.commons.rng.UniformRandomProvider;

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
}
