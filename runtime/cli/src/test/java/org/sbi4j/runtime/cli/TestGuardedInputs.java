package org.sbi4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.testing.Cli;

/**
 * Inputs the CLI used to lose or misread: an output that is an input, observation headers, config text and keys,
 * mistyped commands. Each is refused before any work (exit 2, one paragraph) and leaves every file as it was.
 */
class TestGuardedInputs {
    @TempDir
    Path dir;

    private Path config;
    private Path observation;

    @BeforeEach
    void files() throws IOException {
        observation = Files.writeString(dir.resolve("obs.csv"), "x_1,x_2\n0.25,-1\n");
        config = Files.writeString(dir.resolve("c.yaml"), "seed: 5\nsimulator: {type: linear-gaussian}\n"
                + "estimator: {type: linear-regression}\nsimulation: {budget: 500, batch-size: 100}\n"
                + "samples: 20\noutput: " + dir.resolve("out") + "\nobservations: [{file: obs.csv}]\n");
    }

    private Path train() {
        Path model = dir.resolve("m.zip");
        Cli r = Cli.run("train", "-q", "-c", config.toString(), "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return model;
    }

    @Test
    void sampleRefusesToWriteOverItsModelOrObservation() throws IOException {
        Path model = train();
        byte[] modelBytes = Files.readAllBytes(model);
        String obs = Files.readString(observation);
        assertUsageError(Cli.run("sample", "-m", model.toString(), "--observation", observation.toString(),
                "--out", model.toString()), "--out " + model + " is the model (--model): writing there would replace "
                + "that input. Choose another --out path");
        assertUsageError(Cli.run("sample", "-m", model.toString(), "--observation", observation.toString(),
                "--out", dir.resolve("sub/../obs.csv").toString()), "is the observation (--observation)");
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
        assertThat(Files.readString(observation)).isEqualTo(obs);
    }

    @Test
    void trainRefusesToWriteOverItsConfigOrAnObservationFile() throws IOException {
        String text = Files.readString(config);
        assertUsageError(Cli.run("train", "-c", config.toString(), "--out", config.toString()),
                "--out " + config + " is the config (--config)");
        assertUsageError(Cli.run("train", "-c", config.toString(), "--out", observation.toString()),
                "is the file of observations[0]");
        assertThat(Files.readString(config)).isEqualTo(text);
        assertThat(observation).hasContent("x_1,x_2\n0.25,-1");
    }

    @Test
    void runRefusesAnOutputFolderHoldingItsInputsAndKeepsTheEarlierRun() throws IOException {
        Path out = dir.resolve("out");
        assertThat(Cli.run("run", "-q", "-c", config.toString()).code()).isZero();
        byte[] model = Files.readAllBytes(out.resolve("model.zip"));
        String samples = Files.readString(out.resolve("obs01/samples.csv"));
        assertUsageError(Cli.run("run", "-q", "-c", config.toString(), "--out", dir.toString()),
                "the output folder " + dir + " (--out) holds the config (--config) " + config);
        Path inner = Files.copy(config, out.resolve("c.yaml"));
        Files.copy(observation, out.resolve("obs.csv"));
        assertUsageError(Cli.run("run", "-q", "-c", inner.toString()), "(output) holds the config (--config)");
        assertUsageError(Cli.run("run", "-q", "-c", config.toString(), "--set", "observations.0.file=" + out.resolve("obs.csv")),
                "holds the file of observations[0]");
        assertThat(Files.readAllBytes(out.resolve("model.zip"))).isEqualTo(model);
        assertThat(out.resolve("obs01/samples.csv")).hasContent(samples.strip());
    }

    @Test
    void diagnoseAndBenchmarkRefuseAnOutputFolderHoldingAnInput() throws IOException {
        Path model = train();
        assertUsageError(Cli.run("diagnose", "-m", model.toString(), "--out", dir.toString()),
                "the output folder " + dir + " (--out) holds the model (--model) " + model);
        assertUsageError(Cli.run("diagnose", "-m", model.toString(), "--observation", observation.toString(),
                "--out", dir.toString()), "holds the model (--model)");
        Path home = Files.createDirectories(dir.resolve("home/data/sbibm")).getParent().getParent();
        String before = System.getProperty("sbi4j.home");
        System.setProperty("sbi4j.home", home.toString());
        try {
            assertUsageError(Cli.run("benchmark", "--task", "two-moons", "--estimator", "npe", "--simulations", "10",
                    "--out", home.toString()), "holds the sbibm reference data");
        } finally {
            if (before == null) {
                System.clearProperty("sbi4j.home");
            } else {
                System.setProperty("sbi4j.home", before);
            }
        }
        assertThat(dir.resolve("diagnostics")).doesNotExist();
    }

    @Test
    void observationColumnsAreMatchedByName() throws IOException {
        Path model = train();
        Path swapped = Files.writeString(dir.resolve("swapped.csv"), "x_2,x_1\n-1,0.25\n");
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertThat(Cli.run("sample", "-q", "-m", model.toString(), "--observation", observation.toString(), "-n", "5",
                "--out", a.toString()).code()).isZero();
        Cli r = Cli.run("sample", "-q", "-m", model.toString(), "--observation", swapped.toString(), "-n", "5",
                "--out", b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        Path partly = Files.writeString(dir.resolve("partly.csv"), "x_1,y\n0.25,-1\n");
        assertUsageError(Cli.run("sample", "-m", model.toString(), "--observation", partly.toString(),
                "--out", dir.resolve("c.csv").toString()), "names some of the simulator's data columns but not x_2");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "x_1,x_1\n0.25,-1\n");
        assertUsageError(Cli.run("run", "-c", config.toString(), "--set", "observations.0.file=" + twice),
                "names the column 'x_1' twice");
        assertThat(dir.resolve("c.csv")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void configTextAndSetKeysThatUsedToBeMisreadAreRefused() throws IOException {
        String c = config.toString();
        for (String key : new String[] {"..", ".", "a..b", "simulation."}) {
            assertUsageError(Cli.run("run", "-c", c, "--set", key + "=5"), "the key '" + key + "' has an empty part");
        }
        assertUsageError(Cli.run("run", "-c", c, "--set", "simulation.budget=2000.5"),
                "'simulation.budget' expects an integer (a whole number), got 2000.5");
        assertUsageError(Cli.run("train", "-c", c, "--set", "seed=1.7", "--out", dir.resolve("m.zip").toString()),
                "'seed' expects an integer (a whole number), got 1.7");
        assertUsageError(Cli.run("run", "-c", c, "--set", "samples=3000000000"),
                "'samples' = 3000000000 is out of range: it takes an integer from -2147483648 to 2147483647");
        Path alias = Files.writeString(dir.resolve("alias.yaml"), Files.readString(config)
                .replace("linear-gaussian}", "&s linear-gaussian}") + "prior: {type: *s}\n");
        assertUsageError(Cli.run("run", "-c", alias.toString()), "refers to the YAML anchor '&s' with the alias '*s'");
        Path twice = Files.writeString(dir.resolve("twice.yaml"), Files.readString(config) + "seed: 6\n");
        assertUsageError(Cli.run("run", "-c", twice.toString()), "sets 'seed' twice");
        Path nan = Files.writeString(dir.resolve("nan.yaml"), Files.readString(config)
                .replace("[{file: obs.csv}]", "[{values: [.nan, 1]}]"));
        assertUsageError(Cli.run("run", "-c", nan.toString()), "'.nan' is not a value sbi4j accepts");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        assertUsageError(Cli.run("trian", "-c", config.toString()), "Did you mean 'train'?");
        assertUsageError(Cli.run("run", "--dryrun", "-c", config.toString()), "Did you mean '--dry-run'?");
    }

    @Test
    void benchmarkOfATaskWithoutReferenceDataAdvisesABenchmarkTask() {
        assertUsageError(Cli.run("benchmark", "--task", "linear-gaussian", "--estimator", "linear-regression",
                "--simulations", "100", "--out", dir.resolve("bench").toString()),
                "task 'linear-gaussian' has no reference posteriors, so benchmark cannot score it with C2ST. "
                        + "Benchmark a task with reference data: none is installed");
        assertThat(dir.resolve("bench")).doesNotExist();
    }

    private static void assertUsageError(Cli r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
    }
}
