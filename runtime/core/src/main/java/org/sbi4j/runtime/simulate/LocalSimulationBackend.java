package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import org.sbi4j.runtime.parallel.WorkerPool;

/** The embedded default {@link SimulationBackend}: batches run on the runtime's {@link WorkerPool}. */
public final class LocalSimulationBackend implements SimulationBackend {
    /** The name of this backend in a config: {@code simulation.backend.type: local}. */
    public static final String NAME = "local";

    private final WorkerPool pool;

    /**
     * @param pool where batches run
     */
    @Inject
    public LocalSimulationBackend(WorkerPool pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public void run(BatchPlan plan, int[] batches, Sink sink, Progress progress) {
        pool.forEach(batches.length, plan.threads(), i -> {
            Batch batch = plan.simulate(batches[i]);
            sink.accept(batches[i], batch);
            progress.advance(batch.theta().length);
        });
    }
}
