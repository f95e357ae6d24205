package org.sbi4j.runtime.simulate;

import java.util.List;
import org.sbi4j.api.SimulationResult;

/**
 * Runs simulation batches. A batch is identified by its index: batch {@code b} of a {@link BatchPlan} takes its
 * parameters and noise only from the random stream {@code (plan.stream(), b)} of the plan's seed, so any backend
 * (the local thread pool, a cluster) returns the same numbers for the same plan. Backends are runtime services,
 * bound in Guice; {@link LocalSimulationBackend} is the embedded default.
 */
public interface SimulationBackend {

    /**
     * Runs every batch of a plan.
     *
     * @param plan what to simulate
     * @param progress advanced by the number of simulations of each finished batch
     * @return one result per batch, in batch order
     */
    List<Batch> run(BatchPlan plan, Progress progress);

    /**
     * One simulated batch.
     *
     * @param theta the parameters of the batch
     * @param result the simulator's output for them
     */
    record Batch(double[][] theta, SimulationResult result) {
    }
}
