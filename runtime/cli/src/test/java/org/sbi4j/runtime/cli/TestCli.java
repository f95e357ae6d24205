package org.sbi4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.testing.Cli;

class TestCli {
    @TempDir
    Path dir;

    private Path config(String extra) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), "seed: 5\nsimulator: {type: linear-gaussian}\n"
                + "estimator: {type: linear-regression}\nsimulation: {budget: 500, batch-size: 100}\n"
                + "samples: 20\noutput: " + dir.resolve("out") + "\n" + extra);
    }

    @Test
    void pluginsListsComponentsWithTheirSource() {
        Cli r = Cli.run("plugins");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("simulator\\s+linear-gaussian\\s+\\S+\\s+\\S*(test-classes|tests.jar)");
        assertThat(r.out()).containsPattern("sampler\\s+importance-sampling");
        assertThat(r.out()).containsPattern("estimator\\s+linear-regression");
        assertThat(r.out()).containsPattern("prior\\s+box-uniform");
        assertThat(Cli.run("plugins", "--verbose").out()).contains("nan-fraction (number, default 0.0)");
    }

    @Test
    void runReportsDroppedSimulationsAndWritesSamples() throws IOException {
        Cli r = Cli.run("run", "-q", "--config", config("observations: [{values: [0, 1]}]").toString(),
                "--set", "simulator.nan-fraction=0.1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("simulations: 500 requested, \\d+ valid, \\d+ dropped");
        assertThat(r.out()).doesNotContain(" 0 dropped");
        assertThat(Files.readAllLines(dir.resolve("out/obs01/samples.csv"))).hasSize(21);
    }

    @Test
    void trainThenSampleANewObservation() throws IOException {
        Path model = dir.resolve("m.zip");
        assertThat(Cli.run("train", "-q", "-c", config("").toString(), "--out", model.toString()).code()).isZero();
        Path obs = Files.writeString(dir.resolve("obs.csv"), "x_1,x_2\n0.25,-1\n");
        Path out = dir.resolve("s.csv");
        Cli r = Cli.run("sample", "-m", model.toString(), "--observation", obs.toString(), "-n", "5",
                "--out", out.toString(), "--seed", "9");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(6).first().isEqualTo("mu_1,mu_2");
        Path again = dir.resolve("s2.csv");
        Cli.run("sample", "-m", model.toString(), "--observation", obs.toString(), "-n", "5", "--out", again.toString(),
                "--seed", "9");
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out));
    }

    @Test
    void dryRunPrintsTheResolvedConfigAndSimulatesNothing() throws IOException {
        Cli r = Cli.run("run", "--dry-run", "-c", config("").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("nan-fraction: 0.0").contains("batch-size: 100").contains("ridge:");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void badInputExitsWithTwoAndOneParagraph() throws IOException {
        assertUsageError(Cli.run("run", "-c", dir.resolve("missing.yaml").toString()), "does not exist");
        assertUsageError(Cli.run("run", "-c", config("").toString(), "--set", "estimator.type=nope"),
                "unknown estimator 'nope'");
        assertUsageError(Cli.run("run", "-c", config("").toString(), "--set", "simulation.budgte=3"),
                "unknown key 'simulation.budgte'");
        assertUsageError(Cli.run("run", "-c", config("").toString(), "--set", "simulation.budget=many"),
                "'simulation.budget' expects an integer, got 'many'");
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "a,b,c\n1,2,3\n");
        assertUsageError(Cli.run("run", "-c", config("observations: [{file: " + wrong + "}]").toString()),
                "has 3 values but the simulator produces 2");
        Path corrupt = Files.writeString(dir.resolve("corrupt.zip"), "PK garbage");
        assertUsageError(Cli.run("sample", "-m", corrupt.toString(), "--observation", wrong.toString(),
                "--out", dir.resolve("x.csv").toString()), "not a valid sbi4j model");
        assertUsageError(Cli.run("frobnicate"), "Unmatched argument");
        assertUsageError(Cli.run("run"), "Missing required option");
    }

    @Test
    void aModelTrainedInRoundsAnswersItsObservationAndRefusesAnother() throws IOException {
        Cli r = Cli.run("run", "-q", "-c", config("rounds: 3\nobservations: [{values: [0.5, 1]}]\n").toString(),
                "--set", "diagnostics.sbc=20", "--set", "diagnostics.coverage=20", "--set", "diagnostics.plots=false");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/obs01/samples.csv"))).hasSize(21);
        Path model = dir.resolve("out/model.zip");
        Path same = Files.writeString(dir.resolve("same.csv"), "x_1,x_2\n0.5,1\n");
        assertThat(Cli.run("sample", "-m", model.toString(), "--observation", same.toString(), "-n", "5",
                "--out", dir.resolve("s.csv").toString()).code()).isZero();
        Path other = Files.writeString(dir.resolve("other.csv"), "x_1,x_2\n0.25,-1\n");
        assertUsageError(Cli.run("sample", "-m", model.toString(), "--observation", other.toString(), "-n", "5",
                "--out", dir.resolve("t.csv").toString()), "trained in 3 sequential rounds for the observation [0.5, "
                + "1.0] only");
        assertUsageError(Cli.run("diagnose", "-m", model.toString(), "--observation", same.toString(), "--sbc", "20",
                "--out", dir.resolve("d").toString()), "trained in sequential rounds for one observation");
        assertUsageError(Cli.run("run", "-c", config("rounds: 2\nobservations: [{values: [0, 1]}, {values: [1, 1]}]\n")
                .toString()), "the config gives 2 observations");
    }

    private static void assertUsageError(Cli r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
    }
}
