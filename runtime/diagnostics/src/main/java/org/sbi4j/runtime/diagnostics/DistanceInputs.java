package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.SbiException;

/**
 * Shared plumbing of the sample-distance diagnostics ({@link Mmd}, {@link KlDivergence}, {@link Wasserstein}):
 * input checks with user-facing messages, seeded subsampling and z-scoring.
 */
final class DistanceInputs {
    private DistanceInputs() {
    }

    /**
     * Checks two sample sets and returns their common width.
     *
     * @throws SbiException a user error naming the problem: null or empty set, ragged or mismatched rows,
     *     non-finite values
     */
    static int check(double[][] first, String firstName, double[][] second, String secondName, String method) {
        if (first == null || second == null || first.length == 0 || second.length == 0) {
            throw SbiException.userError(method + " needs two non-empty sample sets, got "
                    + describe(first) + " " + firstName + " and " + describe(second) + " " + secondName);
        }
        double[] row0 = second[0];
        if (row0 == null || row0.length == 0) {
            throw SbiException.userError(method + " needs at least one column; " + secondName + " row 0 is empty");
        }
        int d = row0.length;
        checkRows(second, d, secondName, secondName, method);
        checkRows(first, d, firstName, secondName, method);
        return d;
    }

    private static String describe(double[][] rows) {
        return rows == null ? "no (null)" : rows.length + " rows of";
    }

    private static void checkRows(double[][] rows, int d, String name, String widthOwner, String method) {
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null || row.length != d) {
                throw SbiException.userError(method + ": " + name + " row " + i + " has "
                        + (row == null ? "no" : row.length) + " values but " + widthOwner + " has " + d
                        + " columns; both sets need the same dimension");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw SbiException.userError(method + ": " + name + " row " + i + ", column " + j + " is "
                            + row[j] + "; finite values are needed (drop invalid samples first)");
                }
            }
        }
    }

    /**
     * At most {@code max} rows drawn without replacement (partial Fisher–Yates), kept in their original order;
     * the set itself when it is small enough.
     */
    static double[][] subsample(double[][] rows, int max, UniformRandomProvider rng) {
        if (rows.length <= max) {
            return rows;
        }
        int[] idx = new int[rows.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, max);
        Arrays.sort(chosen);
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            out[i] = rows[chosen[i]];
        }
        return out;
    }

    /** Column means and standard deviations (n−1 denominator) of {@code by}; a zero spread becomes 1. */
    static double[][] moments(double[][] by) {
        int d = by[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        C2st.referenceMoments(by, mean, scale);
        return new double[][] {mean, scale};
    }

    /** The rows as one row-major array, each column shifted by {@code mean} and divided by {@code scale}. */
    static double[] flatten(double[][] rows, double[][] moments) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = moments == null ? rows[i][j] : (rows[i][j] - moments[0][j]) / moments[1][j];
            }
        }
        return out;
    }

    /** Sum in index order (the same for any thread count). */
    static double sum(double[] values) {
        double s = 0.0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " = " + value + " is invalid; it must be >= 1");
        }
        return value;
    }
}
