package org.sbi4j.runtime.parallel;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;

/**
 * A {@link WorkerPool} on an {@link ExecutorService}: {@code parallelism} workers pull task indices from a shared
 * counter, so no more tasks than that run at once however large the executor. The default executor is a cached
 * pool of daemon threads named {@code sbi4j-worker}, shared by the whole process.
 */
public final class LocalWorkerPool implements WorkerPool {
    private static final LocalWorkerPool SHARED = new LocalWorkerPool(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sbi4j-worker");
        t.setDaemon(true);
        return t;
    }));

    private final ExecutorService executor;

    /**
     * @param executor where the workers run; it must be able to run {@code parallelism} of them at once
     */
    public LocalWorkerPool(ExecutorService executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** The process-wide pool of daemon threads. */
    public static LocalWorkerPool shared() {
        return SHARED;
    }

    @Override
    public <T> List<T> map(int tasks, int parallelism, IntFunction<T> task) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, got " + parallelism);
        }
        Object[] results = new Object[tasks];
        int workers = Math.min(parallelism, tasks);
        if (workers <= 1) {
            for (int i = 0; i < tasks; i++) {
                results[i] = task.apply(i);
            }
            return listOf(results);
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(executor.submit(() -> {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    results[i] = task.apply(i);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            next.set(tasks);
            futures.forEach(f -> f.cancel(true));
        }
        return listOf(results);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> listOf(Object[] results) {
        return (List<T>) Arrays.asList(results);
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SbiException(ErrorType.INTERNAL_ERROR, "interrupted while waiting for parallel work");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SbiException(ErrorType.INTERNAL_ERROR, "parallel work failed: " + cause, cause);
        }
    }
}
