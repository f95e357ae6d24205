package org.sbi4j.nn;

import java.util.Arrays;
import java.util.Locale;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.SbiException;

/**
 * A per-column log of the data, applied before standardisation (npe, nre). Data that are positive and span several
 * decades (population counts, Lotka–Volterra trajectories) are far easier for a flow's conditioner on a
 * log scale; log-normal observation noise also becomes additive there.
 */
public final class DataTransform {
    /** A column is logged automatically when all its values are positive and max/min exceeds this. */
    static final double AUTO_RANGE = 100;

    /** How {@code log-data} chooses columns. */
    public enum Mode {
        /**
         * When every simulated value is positive (populations, concentrations), log the columns that span more
         * than two decades; data that can be zero or negative anywhere are left alone.
         */
        AUTO,
        /** Log every column (all training data must be positive). */
        ALL,
        /** Never. */
        NONE
    }

    private final boolean[] logged;

    private DataTransform(boolean[] logged) {
        this.logged = logged;
    }

    /**
     * Chooses the columns to log from the training data.
     *
     * @param x training data
     * @param mode the setting
     * @return the transform
     */
    public static DataTransform choose(double[][] x, Mode mode) {
        int columns = x.length == 0 ? 0 : x[0].length;
        boolean[] logged = new boolean[columns];
        if (mode == Mode.NONE || (mode == Mode.AUTO && !allPositive(x))) {
            return new DataTransform(logged);
        }
        for (int j = 0; j < columns; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double[] row : x) {
                min = Math.min(min, row[j]);
                max = Math.max(max, row[j]);
            }
            boolean positive = min > 0;
            if (mode == Mode.ALL && !positive) {
                throw SbiException.userError("log-data: all needs positive data, but column " + (j + 1)
                        + " of the simulations has values down to " + min + "; use log-data: auto or none");
            }
            logged[j] = positive && (mode == Mode.ALL || max / min > AUTO_RANGE);
        }
        return new DataTransform(logged);
    }

    /**
     * Checks the training data's width, chooses the columns to log and tells the listener when any is.
     *
     * @param x training data
     * @param width the simulator's data length
     * @param mode the {@code log-data} setting
     * @param estimator the estimator's name, for the message
     * @param listener where the message goes
     * @return the transform
     */
    public static DataTransform forTraining(double[][] x, int width, Mode mode, String estimator,
                                            TrainingListener listener) {
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != width) {
                throw new IllegalArgumentException("simulation " + r + " has " + x[r].length + " data values but "
                        + "the simulator declares " + width);
            }
        }
        DataTransform transform = choose(x, mode);
        if (transform.any()) {
            listener.onMessage(estimator + ": learning on the log of " + transform.count() + " of " + width
                    + " data columns (positive, spanning more than two decades; log-data: "
                    + mode.name().toLowerCase(Locale.ROOT) + ")");
        }
        return transform;
    }

    private static boolean allPositive(double[][] x) {
        for (double[] row : x) {
            for (double v : row) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Applies the transform to one row (a copy; the input is untouched).
     *
     * @param x a data row
     * @return the transformed row
     */
    public double[] apply(double[] x) {
        double[] out = x.clone();
        for (int j = 0; j < out.length && j < logged.length; j++) {
            if (logged[j]) {
                if (!(out[j] > 0)) {
                    throw SbiException.userError("data value " + (j + 1) + " is " + out[j] + ", but this model "
                            + "works with the log of that column (all its simulations were positive); an "
                            + "observation must be positive there too");
                }
                out[j] = Math.log(out[j]);
            }
        }
        return out;
    }

    /**
     * Applies the transform to many rows.
     *
     * @param x rows
     * @return transformed copies, or {@code x} itself when nothing is logged
     */
    public double[][] apply(double[][] x) {
        if (!any()) {
            return x;
        }
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i]);
        }
        return out;
    }

    /** Whether any column is logged. */
    public boolean any() {
        for (boolean b : logged) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether column {@code j} is logged.
     *
     * @param j column index
     * @return {@code true} when the column goes through the log
     */
    public boolean logged(int j) {
        return j < logged.length && logged[j];
    }

    /** Number of logged columns. */
    public int count() {
        int c = 0;
        for (boolean b : logged) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** The logged columns as a string of 0s and 1s, for the model file. */
    public String encode() {
        StringBuilder sb = new StringBuilder(logged.length);
        for (boolean b : logged) {
            sb.append(b ? '1' : '0');
        }
        return sb.toString();
    }

    /**
     * Reads {@link #encode()} back.
     *
     * @param text the encoding
     * @param columns the expected number of columns
     * @return the transform
     */
    public static DataTransform decode(String text, int columns) {
        if (text.length() != columns || !text.matches("[01]*")) {
            throw new IllegalArgumentException("malformed log-data columns '" + text + "' for " + columns + " columns");
        }
        boolean[] logged = new boolean[columns];
        for (int j = 0; j < columns; j++) {
            logged[j] = text.charAt(j) == '1';
        }
        return new DataTransform(logged);
    }

    /** No column logged. */
    public static DataTransform none(int columns) {
        return new DataTransform(new boolean[columns]);
    }

    @Override
    public String toString() {
        return "DataTransform" + Arrays.toString(logged);
    }
}
