package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread-safe access to a {@link ConditionalDensity}, which itself is not: a caller borrows a private copy (an
 * idle one, or a fresh {@link ConditionalDensity#copy()}) and returns it when done. The prototype is never used
 * for computing, so copies can be made from it concurrently. Every copy holds the same float32 parameters,
 * so results do not depend on which copy served a call.
 */
public final class DensityPool {
    /** Idle copies kept for reuse; more are released to the garbage collector. */
    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private final ConditionalDensity prototype;
    private final ConcurrentLinkedDeque<ConditionalDensity> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /**
     * A pool around a model that is never computed with directly.
     *
     * @param prototype the model copies are made from
     */
    public DensityPool(ConditionalDensity prototype) {
        this.prototype = requireNonNull(prototype, "prototype is null");
    }

    /** The prototype: read its configuration, never compute with it. */
    public ConditionalDensity prototype() {
        return prototype;
    }

    /** A copy for the calling thread's exclusive use until {@link #release}. */
    public ConditionalDensity borrow() {
        ConditionalDensity density = idle.pollFirst();
        if (density != null) {
            idleCount.decrementAndGet();
            return density;
        }
        return prototype.copy();
    }

    /**
     * Gives a borrowed copy back.
     *
     * @param density the copy
     */
    public void release(ConditionalDensity density) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offerFirst(density);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
