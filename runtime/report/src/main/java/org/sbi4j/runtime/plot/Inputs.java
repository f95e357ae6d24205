package org.sbi4j.runtime.plot;

import java.util.List;
import org.sbi4j.api.SbiException;

/** Checks of plot inputs that fail with a message naming the plot, the argument and the fix. */
final class Inputs {
    private Inputs() {
    }

    static List<String> names(String plot, String what, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw SbiException.userError(plot + ": " + what + " are missing; pass one name per dimension");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isBlank()) {
                throw SbiException.userError(plot + ": " + what + " number " + (i + 1) + " is blank; every dimension needs a name");
            }
        }
        return List.copyOf(names);
    }

    /** Checks that {@code rows} is a non-empty matrix of {@code width} columns (values may be non-finite). */
    static void matrix(String plot, String what, double[][] rows, int width, String widthMeaning) {
        if (rows == null || rows.length == 0) {
            throw SbiException.userError(plot + ": " + what + " are empty; pass at least one row");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw SbiException.userError(plot + ": " + what + " row " + (r + 1) + " has "
                        + (rows[r] == null ? "no" : String.valueOf(rows[r].length)) + " values but there are " + width
                        + " " + widthMeaning + "; every row needs one value per " + widthMeaning.replaceAll("s$", ""));
            }
        }
    }

    /** Checks that every value is finite, naming the first bad one by {@code names}. */
    static void finite(String plot, String what, double[] values, List<String> names) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw SbiException.userError(plot + ": " + what + " of '" + names.get(i) + "' is " + values[i]
                        + "; it must be a finite number");
            }
        }
    }

    /** The number of rows holding at least one non-finite value. */
    static int rowsWithNonFinite(double[][] rows) {
        int count = 0;
        for (double[] row : rows) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    /** Column {@code j} of {@code rows}. */
    static double[] column(double[][] rows, int j) {
        double[] column = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            column[r] = rows[r][j];
        }
        return column;
    }
}
