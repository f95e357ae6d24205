package org.sbi4j.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.ModelFiles;

class TestModelArchive {
    @TempDir
    Path dir;

    static Manifest manifest(int version, Map<String, String> properties) {
        ObjectNode config = Json.mapper().createObjectNode().put("seed", 1);
        Manifest.Component c = new Manifest.Component("x", "p", "1.0", "d");
        return new Manifest(version, "test", c, c, c, config, 1,
                new Manifest.SimulationStatistics(10, 9, 1, 0.5),
                new TrainingSummary(2, List.of(1.0, 0.5), List.of(1.1, 0.6), Map.of("k", 3.0)), properties,
                new Manifest.DataStatistics(new double[] {0.5, -1}, new double[] {2, 0}), null, null);
    }

    @Test
    void roundTripsArraysPropertiesAndManifest() throws IOException {
        ModelArchive.Writer writer = new ModelArchive.Writer();
        writer.putMatrix("bank/theta", new double[][] {{1, 2}, {3, 4}, {5, 6}});
        writer.putFloatArray("weights", new float[] {0.5f, 0.25f}, 2);
        writer.putProperty("flow", "nsf");
        Path file = dir.resolve("m.zip");
        writer.writeTo(file, manifest(ModelArchive.FORMAT_VERSION, writer.properties()));

        ModelArchive.Reader reader = ModelArchive.Reader.open(file);
        assertThat(reader.matrix("bank/theta")).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(reader.floatArray("weights")).containsExactly(0.5f, 0.25f);
        assertThat(reader.property("flow")).isEqualTo("nsf");
        assertThat(reader.manifest().simulations().invalid()).isEqualTo(1);
        assertThat(reader.manifest().training().validationLoss()).containsExactly(1.1, 0.6);
        assertThat(reader.manifest().data().mean()).containsExactly(0.5, -1);
        assertThat(reader.manifest().data().sd()).containsExactly(2, 0);
        assertThatThrownBy(() -> reader.array("missing")).isInstanceOf(IOException.class)
                .hasMessageContaining("has no array 'missing'").hasMessageContaining("bank/theta");
        assertThatThrownBy(() -> reader.property("nope")).hasMessageContaining("no property 'nope'");
    }

    @Test
    void aManifestWrittenBeforeTheDataStatisticsStillLoads() throws IOException {
        ObjectNode older = Json.mapper().valueToTree(manifest(1, Map.of()));
        older.remove("data");
        Manifest loaded = Json.mapper().treeToValue(older, Manifest.class);
        assertThat(loaded.data()).isNull();
        assertThat(loaded.simulations().valid()).isEqualTo(9);
    }

    @Test
    void dataStatisticsAreTheMeanAndSampleSdOfEachComponent() {
        Manifest.DataStatistics stats = Manifest.DataStatistics.of(new double[][] {{1, 5}, {2, 5}, {3, 5}});
        assertThat(stats.mean()).containsExactly(2, 5);
        assertThat(stats.sd()).containsExactly(1, 0);
        assertThat(Manifest.DataStatistics.of(new double[0][])).isNull();
        assertThat(Manifest.DataStatistics.of(new double[][] {{1e308}, {-1e308}})).as("overflowing sd").isNull();
    }

    @Test
    void sameContentGivesSameBytes() throws IOException {
        Path a = dir.resolve("a.zip");
        Path b = dir.resolve("b.zip");
        for (Path p : List.of(a, b)) {
            ModelArchive.Writer w = new ModelArchive.Writer();
            w.putArray("v", new double[] {1, 2}, 2);
            w.writeTo(p, manifest(1, w.properties()));
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void corruptFilesGiveUserErrorsNamingTheFile() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.zip"), "this is not a zip file at all");
        assertThatThrownBy(() -> ModelArchive.Reader.open(garbage)).isInstanceOf(SbiException.class)
                .hasMessageContaining("garbage.zip is not a valid sbi4j model");
        Path noManifest = dir.resolve("empty.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(noManifest))) {
            z.putNextEntry(new ZipEntry("arrays/x.npy"));
            z.write(new byte[] {1});
            z.closeEntry();
        }
        assertThatThrownBy(() -> ModelArchive.Reader.open(noManifest)).hasMessageContaining("holds no manifest.json");
        assertThatThrownBy(() -> ModelArchive.Reader.open(dir.resolve("absent.zip")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesANewerFormatVersion() throws IOException {
        ModelArchive.Writer w = new ModelArchive.Writer();
        Path file = dir.resolve("future.zip");
        w.writeTo(file, manifest(ModelArchive.FORMAT_VERSION + 1, Map.of()));
        assertThatThrownBy(() -> ModelArchive.Reader.open(file)).isInstanceOf(SbiException.class)
                .hasMessageContaining("format version " + (ModelArchive.FORMAT_VERSION + 1))
                .hasMessageContaining("reads versions 1 to " + ModelArchive.FORMAT_VERSION);
    }

    @Test
    void entryNamesAreChecked() {
        ModelArchive.Writer w = new ModelArchive.Writer();
        assertThatThrownBy(() -> w.putArray("../evil", new double[] {1}, 1)).hasMessageContaining("invalid model entry name");
        w.putArray("ok", new double[] {1}, 1);
        assertThatThrownBy(() -> w.putArray("ok", new double[] {1}, 1)).hasMessageContaining("written twice");
    }

    private Path written() throws IOException {
        ModelArchive.Writer writer = new ModelArchive.Writer();
        writer.putArray("bank/theta", new double[] {1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, 3);
        writer.putFloatArray("weights", new float[] {0.5f, 0.25f}, 2);
        writer.putProperty("flow", "nsf");
        Path file = dir.resolve("m.zip");
        writer.writeTo(file, manifest(ModelArchive.FORMAT_VERSION, writer.properties()));
        return file;
    }

    @Test
    void theManifestRecordsTheSha256OfEveryArrayAndOfTheProperties() throws IOException {
        Manifest m = ModelArchive.Reader.open(written()).manifest();
        assertThat(m.sha256()).containsOnlyKeys("arrays/bank/theta.npy", "arrays/weights.npy", "properties");
        assertThat(m.sha256().values()).allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void aModifiedArrayIsRefusedNamingTheEntry() throws IOException {
        Path file = written();
        byte[] before = Files.readAllBytes(file);
        Path edited = ModelFiles.rewriteEntries(file, dir.resolve("edited.zip"), (name, bytes) -> {
            if (name.equals("arrays/weights.npy")) {
                bytes[bytes.length - 1] ^= 1;
            }
            return bytes;
        });
        assertThatThrownBy(() -> ModelArchive.Reader.open(edited)).isInstanceOf(SbiException.class)
                .hasMessageContaining("edited.zip was modified or corrupted after it was written")
                .hasMessageContaining("its entry arrays/weights.npy does not match the SHA-256 checksum")
                .hasMessageContaining("re-create it with 'sbi4j train'");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void editedPropertiesAnAddedOrAMissingArrayAreRefused() throws IOException {
        Path file = written();
        Path props = ModelFiles.rewriteManifest(file, dir.resolve("props.zip"),
                m -> m.replace("\"nsf\"", "\"maf\""));
        assertThatThrownBy(() -> ModelArchive.Reader.open(props))
                .hasMessageContaining("the estimator's properties in its manifest.json do not match the SHA-256");
        Path missing = ModelFiles.rewriteEntries(file, dir.resolve("missing.zip"),
                (name, bytes) -> name.equals("arrays/weights.npy") ? null : bytes);
        assertThatThrownBy(() -> ModelArchive.Reader.open(missing))
                .hasMessageContaining("its manifest.json lists arrays/weights.npy but the file holds no such entry");
        Path unlisted = ModelFiles.rewriteManifest(file, dir.resolve("unlisted.zip"),
                m -> m.replaceFirst("\"arrays/weights.npy\" : \"[0-9a-f]+\",?", ""));
        assertThatThrownBy(() -> ModelArchive.Reader.open(unlisted))
                .hasMessageContaining("it holds arrays/weights.npy, which its manifest.json does not list");
    }

    @Test
    void aFileWithoutChecksumsStillLoads() throws IOException {
        Path old = ModelFiles.withoutChecksums(written(), dir.resolve("old.zip"));
        ModelArchive.Reader reader = ModelArchive.Reader.open(old);
        assertThat(reader.manifest().sha256()).isNull();
        assertThat(reader.floatArray("weights")).containsExactly(0.5f, 0.25f);
    }

    @Test
    void nanValuesAreRefusedNamingTheArrayButInfinitiesAreKept() throws IOException {
        Path file = written();
        assertThat(ModelArchive.Reader.open(file).array("bank/theta"))
                .containsExactly(1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        Path nan = ModelFiles.savedWithFilledArray(file, dir.resolve("nan.zip"), "weights", Double.NaN);
        assertThatThrownBy(() -> ModelArchive.Reader.open(nan)).isInstanceOf(SbiException.class)
                .hasMessageContaining("nan.zip is unusable: its array 'weights' holds 2 NaN values (of 2)")
                .hasMessageContaining("Re-train the model");
    }
}
