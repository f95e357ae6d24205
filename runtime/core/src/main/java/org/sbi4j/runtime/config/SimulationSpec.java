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

    @Setting("folder of stored simulations (chunks of .npy files and a manifest): simulations are written there as "
            + "they finish, a re-run resumes, a larger budget extends it; unset keeps them in memory")
    public String store;

    @Setting("where simulation batches run: {type: local} (this machine's threads) or e.g. {type: spark, master: "
            + "local[2]}; the results are identical")
    public ComponentSpec backend = new ComponentSpec("local", java.util.Map.of());

    @Override
    public void validate() {
        if (backend == null || backend.type() == null) {
            throw new IllegalArgumentException("simulation.backend needs a type: use {type: local} for this machine");
        }
        if (store != null && store.isBlank()) {
            throw new IllegalArgumentException("simulation.store is empty: give a folder, or leave it out to keep "
                    + "simulations in memory");
        }
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
