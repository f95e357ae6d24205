package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.runtime.ResolvedRun;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.testing.Cli;

/** Input checks that need the shipped plugins: benchmark advice, and the stored sbibm files read by column name. */
class TestGuardedInputsEndToEnd {
    @TempDir
    Path dir;

    @Test
    void benchmarkOfATaskWithoutReferenceDataListsTheTasksThatHaveIt() {
        Cli r = Cli.run("benchmark", "-q", "--task", "lensing", "--estimator", "rejection-abc", "--simulations", "100",
                "--out", dir.resolve("bench").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: task 'lensing' has no reference posteriors, so benchmark cannot score "
                + "it with C2ST. Benchmark a task with reference data: ")
                .contains("two-moons", "gaussian-linear", "slcp", "sir")
                .doesNotContain("ring-of-modes", "lotka-volterra-ode")
                .contains("check 'lensing' with 'sbi4j run' or 'sbi4j diagnose' instead")
                .doesNotContain("observations[0]", "\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(dir.resolve("bench")).doesNotExist();
    }

    @Test
    void everyStoredObservationAndReferenceFileIsReadByItsColumnNames() throws IOException {
        Sbi4j sbi = Sbi4j.builder().homeDirectory(TestEndToEnd.ROOT).build();
        try (Stream<Path> folders = Files.list(TestEndToEnd.ROOT.resolve("data/sbibm"))) {
            for (Path folder : folders.filter(f -> Files.isDirectory(f.resolve("obs01"))).sorted().toList()) {
                RunConfig config = new RunConfig();
                config.simulator = new ComponentSpec(folder.getFileName().toString().replace('_', '-'), java.util.Map.of());
                config.estimator = new ComponentSpec("rejection-abc", java.util.Map.of());
                ResolvedRun run = sbi.resolve(config);
                ReferenceData reference = run.simulator().referenceData().orElseThrow();
                double[] x0 = Csv.readObservation(folder.resolve("obs01/observation.csv"), run.simulator().dataNames());
                assertThat(x0).as(folder.toString()).containsExactly(reference.observation(1));
                List<String> names = run.prior().parameterNames();
                double[][] samples = Csv.readSamples(folder.resolve("obs01/reference_posterior_samples.csv"), names);
                assertThat(samples[0]).as(folder.toString()).containsExactly(reference.referenceSamples(1)[0]);
            }
        }
    }
}
