package org.sbi4j.runtime.parallel;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Where the runtime's parallel work runs: simulation batches, density evaluations, calibration draws,
 * cross-validation folds. Every task is seeded by its index, never by the thread that runs it, so results do
 * not depend on the pool. A host application replaces it through Guice to run sbi4j's work on its own threads.
 */
public interface WorkerPool {

    /**
     * Runs {@code tasks} tasks, at most {@code parallelism} at a time, and returns their results in index order.
     * The first task that throws cancels the rest and its exception is rethrown (an {@link Error} or unchecked
     * exception as it is).
     *
     * @param tasks the number of tasks
     * @param parallelism the most tasks running at once (at least 1)
     * @param task computes the result of task {@code i}
     * @param <T> the result type
     * @return the results, {@code results.get(i)} from task {@code i}
     */
    <T> List<T> map(int tasks, int parallelism, IntFunction<T> task);

    /**
     * Runs {@code tasks} tasks for their side effects, at most {@code parallelism} at a time.
     *
     * @param tasks the number of tasks
     * @param parallelism the most tasks running at once (at least 1)
     * @param task runs task {@code i}
     */
    default void forEach(int tasks, int parallelism, java.util.function.IntConsumer task) {
        map(tasks, parallelism, i -> {
            task.accept(i);
            return null;
        });
    }
}
