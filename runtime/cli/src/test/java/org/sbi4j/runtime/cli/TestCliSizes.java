package org.sbi4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.testing.Cli;
import org.sbi4j.runtime.testing.Stderr;

/**
 * Sizes the run cannot use: below the estimator's minimum, meaningless for a check, or beyond the heap, are
 * refused before any work with exit 2; an OutOfMemoryError that still happens is exit 1 and one paragraph.
 * Inputs and an earlier complete run stay as they were.
 */
class TestCliSizes {
    @TempDir
    Path dir;

    private Path config;
    private Path run;
    private Path model;
    private Path observation;

    @BeforeEach
    void anEarlierCompleteRun() throws IOException {
        run = dir.resolve("out");
        config = Files.writeString(dir.resolve("c.yaml"), "seed: 5\nsimulator: {type: linear-gaussian}\n"
                + "estimator: {type: linear-regression}\nsimulation: {budget: 500, batch-size: 100}\n"
                + "samples: 20\nobservations: [{values: [0, 1]}]\ndiagnostics: {enabled: false}\n"
                + "output: " + run + "\n");
        assertThat(Cli.run("run", "-q", "-c", config.toString()).code()).isZero();
        model = run.resolve("model.zip");
        observation = Files.writeString(dir.resolve("obs.csv"), "x_1,x_2\n0.25,-1\n");
    }

    @Test
    void sampleRefusesMoreSamplesThanTheHeapHolds() throws IOException {
        Path out = dir.resolve("s.csv");
        assertIntact(() -> Cli.run("sample", "-m", model.toString(), "--observation", observation.toString(),
                "-n", "2000000000", "--out", out.toString()), 2,
                "--samples = 2000000000 needs at least 74.5 GiB of memory (2000000000 posterior samples of 2 "
                        + "parameters), but the Java heap holds at most",
                "lower --samples, or raise the heap above the need, e.g. SBI4J_HEAP=112g");
        assertThat(out).doesNotExist();
    }

    @Test
    void diagnoseRefusesMoreDrawsThanTheHeapHoldsAndDrawsTooFewForRanks() throws IOException {
        Path out = dir.resolve("diagnostics");
        assertIntact(() -> Cli.run("diagnose", "-q", "-m", model.toString(), "--draws", "2000000000",
                "--out", out.toString()), 2, "--draws = 2000000000 needs at least",
                "(200 calibration simulations × 2000000000 posterior draws of 2 parameters)", "SBI4J_HEAP=");
        assertIntact(() -> Cli.run("diagnose", "-q", "-m", model.toString(), "--draws", "1",
                "--out", out.toString()), 2, "--draws = 1 must be at least 9: the verdict compares the lowest and "
                + "highest 10% of the draws + 1 possible ranks");
        assertIntact(() -> Cli.run("diagnose", "-q", "-m", model.toString(), "--sbc", "5",
                "--out", out.toString()), 2, "--sbc = 5 must be 0 (skip) or at least 10: the rank test needs two "
                + "bins of five expected ranks");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBudgetBeyondTheHeapOrBelowTheEstimatorsMinimumIsRefusedBeforeSimulating() throws IOException {
        assertIntact(() -> Cli.run("run", "-q", "-c", config.toString(), "--set", "simulation.budget=2000000000"), 2,
                "simulation.budget = 2000000000 needs at least 298.0 GiB of memory", "SBI4J_HEAP=");
        assertIntact(() -> Cli.run("run", "-q", "-c", config.toString(), "--set", "simulation.budget=5",
                "--set", "estimator.minimum-simulations=50"), 2,
                "simulation.budget = 5 is below the 50 simulations estimator 'linear-regression' needs to train",
                "raise simulation.budget to at least 50");
        Path trained = dir.resolve("m.zip");
        assertIntact(() -> Cli.run("train", "-q", "-c", config.toString(), "--set", "simulation.budget=5",
                "--set", "estimator.minimum-simulations=50", "--out", trained.toString()), 2, "is below the 50");
        assertThat(trained).doesNotExist();
    }

    @Test
    void anOutOfMemoryErrorIsExitOneAndOneParagraph() throws IOException {
        assertIntact(() -> Cli.run("run", "-q", "-c", config.toString(), "--set", "estimator.out-of-memory=true"), 1,
                "the Java heap (at most", "ran out of memory during the run",
                "give the JVM a larger heap, e.g. SBI4J_HEAP=");
        assertThat(Sbi4jCli.outOfMemory(40L << 20)).startsWith("the Java heap (at most 40.0 MiB) ran out of memory")
                .contains("SBI4J_HEAP=2g");
        assertThat(Sbi4jCli.outOfMemory(4L << 30)).contains("at most 4.0 GiB").contains("SBI4J_HEAP=8g");
    }

    @Test
    void anObservationFarOutsideTheSimulationsIsWarnedAbout() throws IOException {
        Path far = Files.writeString(dir.resolve("far.csv"), "x_1,x_2\n1e6,0\n");
        Path out = dir.resolve("s.csv");
        StringBuilder log = new StringBuilder();
        Cli r = Stderr.capture(log, () -> Cli.run("sample", "-m", model.toString(), "--observation", far.toString(),
                "-n", "5", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(log.toString()).contains("WARN")
                .contains("the observation lies far from every simulation: x_1 = 1.00000e+06 is");
    }

    /** Runs a command that must fail, and checks the message and that the earlier run and inputs are unchanged. */
    private void assertIntact(Supplier<Cli> command, int code, String... message) throws IOException {
        Map<Path, String> before = snapshot();
        Cli r = command.get();
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("OutOfMemoryError");
        for (String m : message) {
            assertThat(r.err()).contains(m);
        }
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        assertThat(snapshot()).isEqualTo(before);
    }

    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(p, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
