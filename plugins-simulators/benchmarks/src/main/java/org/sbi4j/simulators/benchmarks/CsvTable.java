package org.sbi4j.simulators.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;

/**
 * A numeric CSV table as the sbibm files store it: one header row of column names, then rows of numbers
 * separated by commas. Immutable; {@link #rows()} hands out the internal array, callers must not modify it.
 */
final class CsvTable {
    private final List<String> header;
    private final double[][] rows;

    private CsvTable(List<String> header, double[][] rows) {
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads a file.
     *
     * @param file the CSV file
     * @return its contents
     * @throws SbiException (user error) when the file is missing or malformed
     */
    static CsvTable read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new SbiException(ErrorType.USER_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a classpath resource relative to this package.
     *
     * @param resource the resource name, e.g. {@code sbibm/bernoulli_glm/stimulus_I.csv}
     * @return its contents
     * @throws SbiException (internal error) when the resource is missing or malformed
     */
    static CsvTable readResource(String resource) {
        try (InputStream stream = CsvTable.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new SbiException(ErrorType.INTERNAL_ERROR, "resource " + resource
                        + " is missing from the sbi4j-simulators-benchmarks jar");
            }
            return parse(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)), resource);
        } catch (IOException e) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "cannot read resource " + resource + ": "
                    + e.getMessage(), e);
        }
    }

    private static CsvTable parse(BufferedReader in, String source) throws IOException {
        String headerLine = in.readLine();
        if (headerLine == null) {
            throw new SbiException(ErrorType.USER_ERROR, source + " is empty; expected a header row");
        }
        List<String> header = List.of(headerLine.strip().split(",", -1));
        int columns = header.size();
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNumber = 1;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            rows.add(parseRow(line, columns, source, lineNumber));
        }
        return new CsvTable(header, rows.toArray(new double[0][]));
    }

    private static double[] parseRow(String line, int columns, String source, int lineNumber) {
        double[] row = new double[columns];
        int start = 0;
        int end = line.length();
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        for (int j = 0; j < columns; j++) {
            int comma = line.indexOf(',', start);
            boolean last = j == columns - 1;
            if (last ? comma >= 0 && comma < end : comma < 0) {
                throw new SbiException(ErrorType.USER_ERROR, source + " line " + lineNumber + ": expected "
                        + columns + " comma-separated values like the header");
            }
            int stop = last ? end : comma;
            try {
                row[j] = Double.parseDouble(line.substring(start, stop));
            } catch (NumberFormatException e) {
                throw new SbiException(ErrorType.USER_ERROR, source + " line " + lineNumber + ", column "
                        + (j + 1) + ": '" + line.substring(start, stop) + "' is not a number", e);
            }
            start = stop + 1;
        }
        return row;
    }

    /** Column names. */
    List<String> header() {
        return header;
    }

    /** The numeric rows (not copied). */
    double[][] rows() {
        return rows;
    }

    /** Number of data rows. */
    int rowCount() {
        return rows.length;
    }

    /**
     * One column as an array.
     *
     * @param name column name
     * @return its values
     */
    double[] column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new SbiException(ErrorType.USER_ERROR, "no column '" + name + "' in a table with columns " + header);
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][index];
        }
        return out;
    }

    /**
     * Checks that the header equals the expected column names.
     *
     * @param expected the names
     * @param source what to name in the error
     * @return this table
     */
    CsvTable requireHeader(List<String> expected, String source) {
        if (!header.equals(expected)) {
            throw new SbiException(ErrorType.USER_ERROR, source + " has columns " + header + " but the task expects "
                    + expected);
        }
        return this;
    }
}
