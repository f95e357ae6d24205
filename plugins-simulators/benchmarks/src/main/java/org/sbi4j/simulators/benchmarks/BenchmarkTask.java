package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sbi4j.api.Prior;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.Simulator;

/**
 * What every sbibm task shares: parameter and data names (the column names of the reference files), the
 * task's default prior and, when its folder exists, the stored reference data.
 */
public abstract class BenchmarkTask implements Simulator {
    private final List<String> parameterNames;
    private final List<String> dataNames;
    private final Prior prior;
    private final ReferenceData referenceData;

    /**
     * @param parameterNames names of θ's components
     * @param dataNames names of x's components
     * @param prior the default prior, with the same parameter names
     * @param referenceFolder the folder of the task's reference data, or {@code null} for none
     */
    protected BenchmarkTask(List<String> parameterNames, List<String> dataNames, Prior prior, Path referenceFolder) {
        this.parameterNames = List.copyOf(parameterNames);
        this.dataNames = List.copyOf(dataNames);
        this.prior = prior;
        if (!prior.parameterNames().equals(this.parameterNames)) {
            throw new IllegalArgumentException("prior names " + prior.parameterNames() + " differ from "
                    + this.parameterNames);
        }
        this.referenceData = StoredReferenceData.openIfPresent(referenceFolder, this.parameterNames, this.dataNames);
    }

    /**
     * {@code prefix_1 ... prefix_count}.
     *
     * @param prefix e.g. {@code parameter} or {@code data}
     * @param count how many
     * @return the names
     */
    protected static List<String> numberedNames(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(prefix + "_" + i);
        }
        return List.copyOf(names);
    }

    @Override
    public final List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public final List<String> dataNames() {
        return dataNames;
    }

    @Override
    public final Optional<Prior> defaultPrior() {
        return Optional.of(prior);
    }

    @Override
    public final Optional<ReferenceData> referenceData() {
        return Optional.ofNullable(referenceData);
    }

    /** The default prior (never empty, unlike the {@code Optional} of {@link #defaultPrior()}). */
    protected final Prior prior() {
        return prior;
    }

    /**
     * Checks the shape of one parameter row.
     *
     * @param theta the row
     */
    protected final void checkParameters(double[] theta) {
        if (theta.length != parameterNames.size()) {
            throw new IllegalArgumentException("θ has " + theta.length + " components, the task has "
                    + parameterNames.size() + " parameters " + parameterNames);
        }
    }

    /**
     * Checks the shape of one data row.
     *
     * @param x the row
     */
    protected final void checkData(double[] x) {
        if (x.length != dataNames.size()) {
            throw new IllegalArgumentException("x has " + x.length + " components, the task has "
                    + dataNames.size() + " data components");
        }
    }
}
