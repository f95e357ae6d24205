package org.sbi4j.simulators.benchmarks;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** Settings of every sbibm task: where its reference data live. */
public final class BenchmarkSettings implements Settings {

    /** The folder holding one sub-folder per task; relative paths start at the sbi4j home directory. */
    @Setting("folder of the sbibm reference data (one sub-folder per task, e.g. two_moons); relative to the "
            + "sbi4j home; when the task's sub-folder is missing the task has no reference data")
    public String dataDir = "data/sbibm";

    @Override
    public void validate() {
        if (dataDir == null || dataDir.isBlank()) {
            throw new IllegalArgumentException("data-dir = '" + dataDir + "' must be a non-empty path");
        }
    }
}
