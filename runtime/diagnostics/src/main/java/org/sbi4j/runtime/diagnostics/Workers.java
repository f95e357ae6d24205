package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;

/**
 * Where a diagnostic runs its parallel work: the core {@link WorkerPool} and the most tasks at once. Every task
 * is seeded by its index and writes only its own result, so results do not depend on either.
 *
 * @param pool where the tasks run
 * @param threads the most tasks running at once, ≥ 1
 */
record Workers(WorkerPool pool, int threads) {
    /** Indices per task of {@link #parallelFor}, so that cheap bodies are not scheduled one at a time. */
    private static final int CHUNK = 16;

    Workers {
        requireNonNull(pool, "pool is null");
        DistanceInputs.positive(threads, "threads");
    }

    /** The process-wide pool, one task per available processor. */
    static Workers defaults() {
        return new Workers(LocalWorkerPool.shared(), Runtime.getRuntime().availableProcessors());
    }

    Workers withThreads(int count) {
        return new Workers(pool, count);
    }

    Workers withPool(WorkerPool other) {
        return new Workers(other, threads);
    }

    /** Runs tasks 0 … count−1 and returns their results in index order. */
    <T> List<T> map(int count, IntFunction<T> task) {
        return pool.map(count, threads, task);
    }

    /** Runs tasks 0 … count−1 for their side effects. */
    void forEach(int count, IntConsumer task) {
        pool.forEach(count, threads, task);
    }

    /**
     * Runs {@code body} for every index in [0, count), in tasks of {@value #CHUNK} consecutive indices. Each index
     * must write only its own result slot; then the outcome does not depend on the thread count or scheduling.
     */
    void parallelFor(int count, IntConsumer body) {
        forEach((count + CHUNK - 1) / CHUNK, c -> {
            int end = Math.min(count, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                body.accept(i);
            }
        });
    }
}
