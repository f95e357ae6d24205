package org.sbi4j.runtime;

import java.nio.file.Path;
import java.util.List;
import org.sbi4j.runtime.store.Manifest;

/**
 * What {@code sbi4j run} did and wrote.
 *
 * @param outputDirectory the run's folder
 * @param model the saved model
 * @param simulations counts and time of the simulation phase
 * @param fitSeconds wall time of fitting
 * @param samples one entry per observation
 * @param checks what the checks at the end found, or {@code null} when none ran
 */
public record RunReport(Path outputDirectory, Path model, Manifest.SimulationStatistics simulations,
                        double fitSeconds, List<SampleFile> samples, RunChecks.Summary checks) {

    /**
     * Samples written for one observation.
     *
     * @param observation the observation's name
     * @param file the CSV file
     * @param count number of samples
     * @param seconds wall time of sampling
     */
    public record SampleFile(String observation, Path file, int count, double seconds) {
    }
}
