package org.sbi4j.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Captures what is printed to {@code System.err} (where slf4j-simple writes the warnings) during an action. */
public final class Stderr {
    private Stderr() {
    }

    /**
     * Runs an action with {@code System.err} captured.
     *
     * @param log receives what was printed
     * @param action the action
     * @param <T> its result type
     * @return its result
     */
    public static <T> T capture(StringBuilder log, Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(original);
            log.append(buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
