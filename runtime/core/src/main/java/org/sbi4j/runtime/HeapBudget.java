package org.sbi4j.runtime;

import java.util.Locale;
import org.sbi4j.api.SbiException;

/**
 * Refuses a size that cannot fit in the Java heap before anything is allocated or computed. The estimate counts
 * the per-row arrays the runtime holds: each row is its own {@code double[]} (a 16-byte array header, 8 bytes per
 * value, and an 8-byte reference to it in the outer array), times the copies alive at once. What estimators,
 * samplers and checks allocate besides is not counted, and it is compared with the largest heap the JVM may grow
 * to ({@link Runtime#maxMemory()}), so a size it refuses can never succeed; a size it passes may still run out.
 */
public final class HeapBudget {
    /** Bytes of one row besides its values: the array header (16) and the reference to it (8). */
    static final long ROW_OVERHEAD = 24;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private HeapBudget() {
    }

    /**
     * The bytes of {@code rows} rows of {@code columns} doubles, each row its own array.
     *
     * @param rows number of rows
     * @param columns values per row
     * @return the bytes, saturated at {@link Long#MAX_VALUE}
     */
    public static long rows(long rows, long columns) {
        try {
            return Math.multiplyExact(rows, Math.addExact(ROW_OVERHEAD, Math.multiplyExact(8L, columns)));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Refuses a size whose arrays need more than the heap.
     *
     * @param setting the setting as the user wrote it, e.g. {@code --samples} or {@code simulation.budget}
     * @param value its value
     * @param what what the memory holds, e.g. {@code 2000000000 samples of 2 parameters}
     * @param bytes the estimate (see {@link #rows})
     * @throws SbiException a user error naming the setting, the memory it needs, the heap and {@code SBI4J_HEAP}
     */
    public static void require(String setting, long value, String what, long bytes) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes <= heap) {
            return;
        }
        long suggested = (long) Math.ceil(bytes * 1.5 / GIB);
        throw SbiException.userError(String.format(Locale.ROOT, "%s = %d needs at least %s of memory (%s), but "
                + "the Java heap holds at most %s; lower %s, or raise the heap above the need, e.g. SBI4J_HEAP=%dg "
                + "./sbi4j ... (the launcher's -Xmx, default 4g; -Xmx%dg for your own JVM)", setting, value,
                describe(bytes), what, describe(heap), setting, suggested, suggested));
    }

    /**
     * A memory size for a message.
     *
     * @param bytes the size
     * @return e.g. {@code 74.5 GiB}, or {@code 40.0 MiB} below one GiB
     */
    public static String describe(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        return bytes < GIB ? String.format(Locale.ROOT, "%.1f MiB", bytes / (GIB / 1024))
                : String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }
}
