package org.sbi4j.simulators.mixtures;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Remembers the exact posterior of the most recent observation, so that repeated density evaluations for
 * one observation do not redo its normalising constants. Thread-safe; the cached value is immutable and a
 * pure function of the observation, so results never depend on the cache's state.
 *
 * @param <T> the prepared posterior
 */
final class ObservationCache<T> {
    private final AtomicReference<Entry<T>> last = new AtomicReference<>();

    private record Entry<T>(double[] observation, T value) {
    }

    /**
     * The value for this observation, built (and remembered) when it is not the last one seen.
     *
     * @param observation x₀ (not modified, not kept)
     * @param build builds the value from a private copy of the observation
     * @return the value
     */
    T get(double[] observation, Function<double[], T> build) {
        Entry<T> entry = last.get();
        if (entry != null && Arrays.equals(entry.observation(), observation)) {
            return entry.value();
        }
        double[] key = observation.clone();
        T value = build.apply(key.clone());
        last.set(new Entry<>(key, value));
        return value;
    }
}
