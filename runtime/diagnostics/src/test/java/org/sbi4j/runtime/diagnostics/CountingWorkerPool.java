package org.sbi4j.runtime.diagnostics;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;

/** A {@link WorkerPool} on the shared pool that counts the tasks it was given, to show a diagnostic used it. */
final class CountingWorkerPool implements WorkerPool {
    private final AtomicInteger tasks = new AtomicInteger();

    @Override
    public <T> List<T> map(int count, int parallelism, IntFunction<T> task) {
        tasks.addAndGet(count);
        return LocalWorkerPool.shared().map(count, parallelism, task);
    }

    int tasks() {
        return tasks.get();
    }
}
