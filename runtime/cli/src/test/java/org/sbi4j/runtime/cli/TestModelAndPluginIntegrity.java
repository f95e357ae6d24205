package org.sbi4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.ModelFiles;
import org.sbi4j.runtime.testing.Cli;

/** Edited or broken model files and plugin jars end in exit 2 and one paragraph, and nothing is overwritten. */
class TestModelAndPluginIntegrity {
    @TempDir
    Path dir;

    private Path model;
    private Path observation;

    @BeforeEach
    void trainAModel() throws IOException {
        Path config = Files.writeString(dir.resolve("c.yaml"), "seed: 5\nsimulator: {type: linear-gaussian}\n"
                + "estimator: {type: linear-regression}\nsimulation: {budget: 500, batch-size: 100}\n");
        model = dir.resolve("m.zip");
        Cli train = Cli.run("train", "-q", "-c", config.toString(), "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        observation = Files.writeString(dir.resolve("obs.csv"), "x_1,x_2\n0.25,-1\n");
    }

    /** Samples from a model and checks the refusal: exit 2, one paragraph, the model intact, no output. */
    private String refusedSample(Path file) throws IOException {
        byte[] before = Files.readAllBytes(file);
        Path out = dir.resolve("samples.csv");
        Cli r = Cli.run("sample", "-m", file.toString(), "--observation", observation.toString(), "-n", "5",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(out).doesNotExist();
        return r.err();
    }

    @Test
    void anEditedTopLevelEstimatorNameIsRefused() throws IOException {
        Path edited = ModelFiles.rewriteManifest(model, dir.resolve("edited.zip"),
                m -> m.replaceFirst("\"name\" : \"linear-regression\"", "\"name\" : \"npe\""));
        assertThat(refusedSample(edited)).contains("edited.zip is inconsistent: its manifest.json names estimator "
                + "'npe' but the config stored with it has estimator type 'linear-regression'")
                .contains("re-create it with 'sbi4j train'");
    }

    @Test
    void anEditedArrayIsRefusedNamingTheEntry() throws IOException {
        Path edited = ModelFiles.rewriteEntries(model, dir.resolve("edited.zip"), (name, bytes) -> {
            if (name.equals("arrays/slope.npy")) {
                bytes[bytes.length - 2] ^= 0x10;
            }
            return bytes;
        });
        assertThat(refusedSample(edited)).contains("edited.zip was modified or corrupted after it was written: its "
                + "entry arrays/slope.npy does not match the SHA-256 checksum").contains("sbi4j train");
    }

    @Test
    void aModelSavedWithNanValuesIsUnusable() throws IOException {
        Path nan = ModelFiles.savedWithFilledArray(model, dir.resolve("nan.zip"), "intercept", Double.NaN);
        assertThat(refusedSample(nan)).contains("nan.zip is unusable: its array 'intercept' holds 2 NaN values")
                .contains("Re-train the model");
    }

    @Test
    void aModelWrittenBeforeChecksumsStillSamples() throws IOException {
        Path old = ModelFiles.withoutChecksums(model, dir.resolve("old.zip"));
        Cli r = Cli.run("sample", "-m", old.toString(), "--observation", observation.toString(), "-n", "5",
                "--out", dir.resolve("s.csv").toString(), "--seed", "9");
        assertThat(r.code()).as(r.err()).isZero();
        Cli fresh = Cli.run("sample", "-m", model.toString(), "--observation", observation.toString(), "-n", "5",
                "--out", dir.resolve("s2.csv").toString(), "--seed", "9");
        assertThat(fresh.code()).isZero();
        assertThat(Files.readString(dir.resolve("s.csv"))).isEqualTo(Files.readString(dir.resolve("s2.csv")));
    }

    @Test
    void aRandomBytesJarInThePluginFolderIsUnreadable() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        Path jar = Files.write(plugins.resolve("noise.jar"), noise);
        Cli r = Cli.run("--plugin-dir", plugins.toString(), "plugins");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: plugin jar " + jar + " is unreadable: it is not a jar (zip) file (")
                .doesNotContain("declares no plugin").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        assertThat(Files.readAllBytes(jar)).isEqualTo(noise);
    }
}
