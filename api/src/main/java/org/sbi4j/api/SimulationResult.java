package org.sbi4j.api;

import static java.util.Objects.requireNonNull;

/**
 * The output of one batch of simulations: one data row per parameter row, and a validity mask.
 *
 * <p>A run that failed (an ODE that did not converge, an extinct population, a non-finite output) is
 * marked invalid rather than thrown; the runtime counts and handles invalid rows by a stated policy. The
 * arrays are not copied: the producer hands them over and nobody modifies them afterwards.
 */
public final class SimulationResult {
    private final double[][] data;
    private final boolean[] valid;

    private SimulationResult(double[][] data, boolean[] valid) {
        this.data = requireNonNull(data, "data is null");
        this.valid = requireNonNull(valid, "valid is null");
        if (data.length != valid.length) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " rows but the validity mask has " + valid.length);
        }
    }

    /**
     * A result whose mask marks a row valid exactly when all its entries are finite.
     *
     * @param data one row per simulation
     * @return the result
     */
    public static SimulationResult of(double[][] data) {
        boolean[] valid = new boolean[data.length];
        for (int i = 0; i < data.length; i++) {
            valid[i] = allFinite(data[i]);
        }
        return new SimulationResult(data, valid);
    }

    /**
     * A result with an explicit mask; rows marked valid that hold a non-finite entry are marked invalid.
     *
     * @param data one row per simulation (an invalid row may hold anything, even {@code null})
     * @param valid {@code true} for each successful run
     * @return the result
     */
    public static SimulationResult of(double[][] data, boolean[] valid) {
        boolean[] mask = valid.clone();
        for (int i = 0; i < data.length && i < mask.length; i++) {
            mask[i] = mask[i] && data[i] != null && allFinite(data[i]);
        }
        return new SimulationResult(data, mask);
    }

    /** Number of rows, valid or not. */
    public int size() {
        return data.length;
    }

    /** Row {@code i} of the data; meaningful only when {@link #isValid(int)}. */
    public double[] row(int i) {
        return data[i];
    }

    /** All rows (not copied). */
    public double[][] data() {
        return data;
    }

    /** Whether run {@code i} succeeded. */
    public boolean isValid(int i) {
        return valid[i];
    }

    /** Number of failed runs. */
    public int invalidCount() {
        int count = 0;
        for (boolean v : valid) {
            if (!v) {
                count++;
            }
        }
        return count;
    }

    private static boolean allFinite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
