package org.sbi4j.api;

import static java.util.Objects.requireNonNull;

/**
 * A bank of valid simulated pairs (θᵢ, xᵢ) with θᵢ drawn from the prior, plus how many runs failed and
 * were left out. The arrays are shared, not copied: nobody modifies them.
 */
public final class Simulations {
    private final double[][] theta;
    private final double[][] data;
    private final int invalidCount;

    /**
     * Creates a simulation bank.
     *
     * @param theta parameters, one row per valid simulation
     * @param data data, one row per valid simulation
     * @param invalidCount number of failed runs that were dropped
     */
    public Simulations(double[][] theta, double[][] data, int invalidCount) {
        this.theta = requireNonNull(theta, "theta is null");
        this.data = requireNonNull(data, "data is null");
        if (theta.length != data.length) {
            throw new IllegalArgumentException(theta.length + " parameter rows but " + data.length + " data rows");
        }
        if (invalidCount < 0) {
            throw new IllegalArgumentException("invalidCount is negative");
        }
        this.invalidCount = invalidCount;
    }

    /** Parameter rows. */
    public double[][] theta() {
        return theta;
    }

    /** Data rows, aligned with {@link #theta()}. */
    public double[][] data() {
        return data;
    }

    /** Number of valid pairs. */
    public int size() {
        return theta.length;
    }

    /** Number of simulations that failed (non-finite or marked invalid) and were dropped. */
    public int invalidCount() {
        return invalidCount;
    }
}
