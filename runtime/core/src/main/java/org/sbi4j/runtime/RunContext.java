package org.sbi4j.runtime;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.runtime.simulate.Seeds;

/** The runtime's {@link FitContext}: streams derived from the master seed, a thread budget, a listener. */
final class RunContext implements FitContext {
    private final long seed;
    private final int threads;
    private final TrainingListener listener;

    RunContext(long seed, int threads, TrainingListener listener) {
        this.seed = seed;
        this.threads = threads;
        this.listener = listener;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public UniformRandomProvider random(String name) {
        return Seeds.random(seed, "fit:" + name, 0);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public TrainingListener listener() {
        return listener;
    }
}
