package org.sbi4j.runtime.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sbi4j.api.SbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSV format of sbi4j: one header row of names, then one row of numbers per sample (or the single row of
 * an observation), comma separated. Numbers are written in Java's shortest round-trip form.
 */
public final class Csv {
    private static final Logger LOG = LoggerFactory.getLogger(Csv.class);

    private Csv() {
    }

    /**
     * A parsed table.
     *
     * @param header the column names
     * @param rows the numeric rows
     */
    public record Table(List<String> header, double[][] rows) {
    }

    /**
     * Reads a numeric table with a header row.
     *
     * @param file the file
     * @return the table
     */
    public static Table read(Path file) {
        List<String> lines;
        try {
            lines = TextFiles.decode(Files.readAllBytes(file), file).lines().toList();
        } catch (NoSuchFileException e) {
            throw SbiException.userError("file " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw SbiException.userError("cannot read " + file + ": " + e.getMessage());
        }
        lines = lines.stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw SbiException.userError(file + " is empty; a CSV file needs a header row of names and at least one row of numbers");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(Csv::name).toList();
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                throw SbiException.userError(file + " line " + (i + 1) + " has " + cells.length + " values but the header names "
                        + header.size() + " columns; every row needs one value per column");
            }
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    row[j] = Double.parseDouble(cells[j].trim());
                } catch (NumberFormatException e) {
                    throw SbiException.userError(file + " line " + (i + 1) + ", column '" + header.get(j) + "': '"
                            + cells[j].trim() + "' is not a number" + (i == 1 && looksLikeData(header)
                            ? " (the file needs a header row of column names first)" : ""));
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            if (looksLikeData(header)) {
                throw SbiException.userError(file + " has no header row: add a first line of column names, e.g. data_1,data_2");
            }
            throw SbiException.userError(file + " has a header but no row of numbers");
        }
        return new Table(header, rows.toArray(new double[0][]));
    }

    /**
     * Reads an observation: a CSV file with a header and exactly one row of the expected width. Columns named as
     * the simulator names them are taken by name, in any order (see {@link HeaderMatch}).
     *
     * @param file the file
     * @param expectedNames the simulator's data names
     * @return the observation, in the simulator's column order
     */
    public static double[] readObservation(Path file, List<String> expectedNames) {
        Table table = read(file);
        if (table.rows().length != 1) {
            throw SbiException.userError("observation file " + file + " has " + table.rows().length
                    + " data rows; an observation file holds exactly one row (put each observation in its own file, "
                    + "or, in a run config, mark the file 'iid: true' when its rows are i.i.d. observations of one θ)");
        }
        return arrangeObservations(table, file, expectedNames)[0];
    }

    /**
     * Reads a set of i.i.d. observations of one θ: a CSV file with a header and one row per observation, each of
     * the expected width, columns matched by name as in {@link #readObservation}.
     *
     * @param file the file
     * @param expectedNames the simulator's data names
     * @return the observations, in the simulator's column order
     */
    public static double[][] readObservationSet(Path file, List<String> expectedNames) {
        return arrangeObservations(read(file), file, expectedNames);
    }

    private static double[][] arrangeObservations(Table table, Path file, List<String> expectedNames) {
        String what = "observation file " + file;
        double[][] rows = table.rows();
        if (rows[0].length == expectedNames.size()) {
            rows = HeaderMatch.arrange(table.header(), rows, expectedNames, what, "the simulator's data columns",
                    LOG::warn);
        }
        for (double[] row : rows) {
            checkWidth(row, expectedNames, what);
        }
        return rows;
    }

    /**
     * Reads samples: a CSV file with a header and one row per sample, one column per parameter. Columns named as
     * the model names its parameters are taken by name, in any order (see {@link HeaderMatch}).
     *
     * @param file the file
     * @param parameterNames the model's parameter names
     * @return the samples, in the model's parameter order
     */
    public static double[][] readSamples(Path file, List<String> parameterNames) {
        Table table = read(file);
        if (table.header().size() != parameterNames.size()) {
            throw SbiException.userError("samples file " + file + " has " + table.header().size() + " columns but the "
                    + "model has " + parameterNames.size() + " parameters (" + String.join(", ", parameterNames)
                    + "); give one column per parameter");
        }
        return HeaderMatch.arrange(table.header(), table.rows(), parameterNames, "samples file " + file,
                "the model's parameters", LOG::warn);
    }

    /**
     * Checks an observation's length against the simulator's data names.
     *
     * @param observation the observation
     * @param expectedNames the simulator's data names
     * @param what where the observation came from, for the message
     * @return the observation
     */
    public static double[] checkWidth(double[] observation, List<String> expectedNames, String what) {
        if (observation.length != expectedNames.size()) {
            throw SbiException.userError(what + " has " + observation.length + " values but the simulator produces "
                    + expectedNames.size() + " (" + abbreviate(expectedNames) + "); give one value per data column");
        }
        for (int j = 0; j < observation.length; j++) {
            if (!Double.isFinite(observation[j])) {
                throw SbiException.userError(what + " has a non-finite value (" + observation[j] + ") in column '"
                        + expectedNames.get(j) + "'; observations must be finite numbers");
            }
        }
        return observation;
    }

    /**
     * Writes a table atomically (a temporary file moved into place).
     *
     * @param file the file
     * @param header the column names
     * @param rows the rows
     * @throws IOException when writing fails
     */
    public static void write(Path file, List<String> header, double[][] rows) throws IOException {
        AtomicWrite.write(file, stream -> {
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.write(String.join(",", header));
            out.write('\n');
            StringBuilder line = new StringBuilder();
            for (double[] row : rows) {
                line.setLength(0);
                for (int j = 0; j < row.length; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    line.append(row[j]);
                }
                line.append('\n');
                out.write(line.toString());
            }
            out.flush();
        });
    }

    private static String name(String cell) {
        String name = cell.trim();
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1).trim() : name;
    }

    private static boolean looksLikeData(List<String> header) {
        for (String h : header) {
            try {
                Double.parseDouble(h);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + ", ..., " + names.get(names.size() - 1);
    }
}
