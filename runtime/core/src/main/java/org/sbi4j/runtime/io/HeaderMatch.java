package org.sbi4j.runtime.io;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.sbi4j.api.SbiException;

/**
 * Matches the header of a CSV file to the column names a model expects. The same names in another order are
 * matched by name (the columns are reordered); names that are none of the expected ones leave the values in file
 * order with a warning that names both lists; a header that names a column twice, or names some of the expected
 * columns but not all, is refused.
 */
final class HeaderMatch {
    private HeaderMatch() {
    }

    /**
     * Puts the columns of the rows in the expected order.
     *
     * @param header the file's column names, as many as expected
     * @param rows the rows, in the file's column order
     * @param expected the expected names
     * @param what the file, for messages, e.g. {@code "observation file obs.csv"}
     * @param kind what the expected names are, e.g. {@code "the simulator's data columns"}
     * @param warnings receives a warning when the header names none of the expected columns
     * @return the rows in the expected column order
     */
    static double[][] arrange(List<String> header, double[][] rows, List<String> expected, String what, String kind,
                              Consumer<String> warnings) {
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (!seen.add(name)) {
                throw SbiException.userError(what + " names the column '" + name + "' twice; give every column its "
                        + "own name: " + kind + " are " + String.join(", ", expected));
            }
        }
        if (header.equals(expected)) {
            return rows;
        }
        long shared = header.stream().filter(expected::contains).count();
        if (shared == 0) {
            warnings.accept(what + ": its header (" + String.join(", ", header) + ") does not name " + kind + " ("
                    + String.join(", ", expected) + "); the values are taken in the file's order");
            return rows;
        }
        if (shared < expected.size()) {
            List<String> missing = expected.stream().filter(n -> !header.contains(n)).toList();
            throw SbiException.userError(what + " names some of " + kind + " but not " + String.join(", ", missing)
                    + ": its header is " + String.join(", ", header) + " and " + kind + " are "
                    + String.join(", ", expected) + ". Name every column as the model does (in any order), or none "
                    + "of them to take the values in the file's order");
        }
        int[] source = expected.stream().mapToInt(header::indexOf).toArray();
        double[][] arranged = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            arranged[i] = new double[source.length];
            for (int j = 0; j < source.length; j++) {
                arranged[i][j] = rows[i][source[j]];
            }
        }
        return arranged;
    }
}
