package org.sbi4j.runtime.config;

import org.sbi4j.runtime.simulate.InvalidPolicy;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** The {@code simulation:} section of a run config. */
public final class SimulationSpec implements Settings {
    @Setting("number of simulations drawn from the prior for training (at least the estimator's minimum, e.g. keep for "
            + "rejection-abc)")
    public int budget = 10_000;

    @Setting("simulations per batch; each batch has its own random stream, so results do not depend on threads")
    public int batchSize = 500;

    @Setting("worker threads for simulation; 0 means all available cores")
    public int threads = 0;

    @Setting("what to do with runs that fail or return NaN/∞: drop (count and leave out) or fail (stop the run)")
    public InvalidPolicy invalid = InvalidPolicy.DROP;

    @Override
    public void validate() {
        if (budget < 1) {
            throw new IllegalArgumentException("simulation.budget = " + budget + " must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("simulation.batch-size = " + batchSize + " must be at least 1");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("simulation.threads = " + threads + " must be 0 (all cores) or positive");
        }
    }
}
