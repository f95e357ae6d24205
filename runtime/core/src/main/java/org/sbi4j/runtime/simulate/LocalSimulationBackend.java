package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.util.List;
import org.sbi4j.runtime.parallel.WorkerPool;

/** The embedded default {@link SimulationBackend}: batches run on the runtime's {@link WorkerPool}. */
public final class LocalSimulationBackend implements SimulationBackend {
    private final WorkerPool pool;

    /**
     * @param pool where batches run
     */
    @Inject
    public LocalSimulationBackend(WorkerPool pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public List<Batch> run(BatchPlan plan, Progress progress) {
        return pool.map(plan.batches(), plan.threads(), b -> {
            Batch batch = plan.simulate(b);
            progress.advance(batch.theta().length);
            return batch;
        });
    }
}
