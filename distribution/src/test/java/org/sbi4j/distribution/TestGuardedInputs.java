package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.testing.Cli;
import org.sbi4j.runtime.testing.Stderr;

/**
 * Garbage in is refused, not answered, with the shipped estimators: an observation whose distances overflow, a
 * budget below what the estimator needs. The model and the inputs stay as they were.
 */
class TestGuardedInputs {
    @TempDir
    Path dir;

    @Test
    void rejectionAbcRefusesAnObservationWhoseDistancesOverflowAfterWarningThatItLiesFarOut() throws IOException {
        Path model = dir.resolve("model.zip");
        Cli trained = Cli.run("train", "-q", "-c", TestEndToEnd.EXAMPLE.toString(), "--set", "simulation.budget=2000",
                "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        byte[] modelBytes = Files.readAllBytes(model);
        Path huge = Files.writeString(dir.resolve("huge.csv"), "data_1,data_2\n1e300,1e300\n");
        Path out = dir.resolve("samples.csv");

        StringBuilder log = new StringBuilder();
        Cli r = Stderr.capture(log, () -> Cli.run("sample", "-m", model.toString(), "--observation", huge.toString(),
                "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: rejection-abc: the distance between the observation")
                .contains("is not a finite number (its square overflows)")
                .contains("lies far from every simulation").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        assertThat(log).contains("WARN").contains("the observation lies far from every simulation: data_1 = 1.00000e+300");
        assertThat(out).doesNotExist();
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
        assertThat(Files.readString(huge)).isEqualTo("data_1,data_2\n1e300,1e300\n");

        // far out but finite: answered, with the same warning
        Path far = Files.writeString(dir.resolve("far.csv"), "data_1,data_2\n50,50\n");
        StringBuilder farLog = new StringBuilder();
        Cli s = Stderr.capture(farLog, () -> Cli.run("sample", "-m", model.toString(), "--observation", far.toString(),
                "-n", "100", "--out", out.toString()));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(farLog).contains("the observation lies far from every simulation: data_1 = 50.0000 is");
    }

    @Test
    void aBudgetBelowTheEstimatorsMinimumIsRefusedBeforeSimulating() {
        Path out = dir.resolve("run");
        Cli abc = Cli.run("run", "-q", "-c", TestEndToEnd.EXAMPLE.toString(), "--set", "simulation.budget=5",
                "--out", out.toString());
        assertThat(abc.code()).as(abc.err()).isEqualTo(2);
        assertThat(abc.err()).contains("simulation.budget = 5 is below the 100 simulations estimator "
                + "'rejection-abc' needs to train");
        Cli npe = Cli.run("run", "-q", "-c", TestEndToEnd.ROOT.resolve("examples/two-moons-npe.yaml").toString(),
                "--set", "simulation.budget=5", "--out", out.toString());
        assertThat(npe.code()).as(npe.err()).isEqualTo(2);
        assertThat(npe.err()).contains("simulation.budget = 5 is below the 222 simulations estimator 'npe'");
        assertThat(out).doesNotExist();
    }
}
