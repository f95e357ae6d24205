package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Thread-safe access to a model that itself is not ({@link ConditionalDensity}, {@link ConditionalVectorField}): a
 * caller borrows a private copy (an idle one, or a fresh copy of the prototype) and returns it when done. The
 * prototype is never used for computing, so copies can be made from it concurrently. Every copy holds the same
 * parameters, so results do not depend on which copy served a call.
 *
 * @param <T> the model type
 */
public final class CopyPool<T> {
    /** Idle copies kept for reuse; more are released to the garbage collector. */
    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private final T prototype;
    private final UnaryOperator<T> copier;
    private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /**
     * @param prototype the model (read its configuration, never compute with it)
     * @param copier makes an independent copy with the same parameters
     */
    public CopyPool(T prototype, UnaryOperator<T> copier) {
        this.prototype = requireNonNull(prototype, "prototype is null");
        this.copier = requireNonNull(copier, "copier is null");
    }

    /** The prototype: read its configuration, never compute with it. */
    public T prototype() {
        return prototype;
    }

    /** A copy for the calling thread's exclusive use until {@link #release}. */
    public T borrow() {
        T copy = idle.pollFirst();
        if (copy != null) {
            idleCount.decrementAndGet();
            return copy;
        }
        return copier.apply(prototype);
    }

    /** Gives a borrowed copy back. */
    public void release(T copy) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offerFirst(copy);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /**
     * Runs {@code work} on a borrowed copy and gives it back.
     *
     * @param work what to compute with the copy
     * @param <R> the result type
     * @return the work's result
     */
    public <R> R apply(Function<T, R> work) {
        T copy = borrow();
        try {
            return work.apply(copy);
        } finally {
            release(copy);
        }
    }
}
