package org.sbi4j.simulators.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SbiException;

/**
 * The reference data of one sbibm task read from its folder ({@code obs01 ... obsNN}, each with
 * {@code observation.csv}, {@code true_parameters.csv} and {@code reference_posterior_samples.csv}).
 * Files are read on first use, once per observation, and safely from many threads; every accessor returns
 * a fresh copy.
 */
final class StoredReferenceData implements ReferenceData {
    private final Path folder;
    private final List<String> parameterNames;
    private final List<String> dataNames;
    private final int count;
    private final AtomicReferenceArray<Entry> cache;

    private record Entry(double[] observation, double[] trueParameters, double[][] samples) {
    }

    private StoredReferenceData(Path folder, List<String> parameterNames, List<String> dataNames, int count) {
        this.folder = folder;
        this.parameterNames = parameterNames;
        this.dataNames = dataNames;
        this.count = count;
        this.cache = new AtomicReferenceArray<>(count);
    }

    /**
     * The reference data in {@code folder}, or {@code null} when the folder holds no observation.
     *
     * @param folder the task's folder, e.g. {@code data/sbibm/two_moons}
     * @param parameterNames expected columns of the parameter files
     * @param dataNames expected columns of the observation files
     * @return the data, or {@code null}
     */
    static StoredReferenceData openIfPresent(Path folder, List<String> parameterNames, List<String> dataNames) {
        if (folder == null || !Files.isDirectory(folder)) {
            return null;
        }
        int count = 0;
        while (Files.isDirectory(observationFolder(folder, count + 1))) {
            count++;
        }
        return count == 0 ? null : new StoredReferenceData(folder, List.copyOf(parameterNames),
                List.copyOf(dataNames), count);
    }

    private static Path observationFolder(Path folder, int number) {
        return folder.resolve(String.format("obs%02d", number));
    }

    /** The folder the data are read from. */
    Path folder() {
        return folder;
    }

    @Override
    public int observationCount() {
        return count;
    }

    @Override
    public double[] observation(int number) {
        return entry(number).observation().clone();
    }

    @Override
    public double[] trueParameters(int number) {
        return entry(number).trueParameters().clone();
    }

    @Override
    public double[][] referenceSamples(int number) {
        double[][] samples = entry(number).samples();
        double[][] copy = new double[samples.length][];
        for (int i = 0; i < samples.length; i++) {
            copy[i] = samples[i].clone();
        }
        return copy;
    }

    private Entry entry(int number) {
        if (number < 1 || number > count) {
            throw new SbiException(ErrorType.USER_ERROR, "observation " + number + " does not exist; "
                    + folder + " holds observations 1 to " + count);
        }
        Entry entry = cache.get(number - 1);
        if (entry == null) {
            entry = load(number);
            if (!cache.compareAndSet(number - 1, null, entry)) {
                entry = cache.get(number - 1);
            }
        }
        return entry;
    }

    private Entry load(int number) {
        Path dir = observationFolder(folder, number);
        double[] observation = singleRow(dir.resolve("observation.csv"), dataNames);
        double[] truth = singleRow(dir.resolve("true_parameters.csv"), parameterNames);
        Path samplesFile = dir.resolve("reference_posterior_samples.csv");
        double[][] samples = CsvTable.read(samplesFile).requireHeader(parameterNames, samplesFile.toString()).rows();
        return new Entry(observation, truth, samples);
    }

    private static double[] singleRow(Path file, List<String> columns) {
        CsvTable table = CsvTable.read(file).requireHeader(columns, file.toString());
        if (table.rowCount() != 1) {
            throw new SbiException(ErrorType.USER_ERROR, file + " has " + table.rowCount() + " rows, expected 1");
        }
        return table.rows()[0];
    }
}
