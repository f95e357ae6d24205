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

class TestModelArchive {
    @TempDir
    Path dir;

    static Manifest manifest(int version, Map<String, String> properties) {
        ObjectNode config = Json.mapper().createObjectNode().put("seed", 1);
        Manifest.Component c = new Manifest.Component("x", "p", "1.0", "d");
        return new Manifest(version, "test", c, c, c, config, 1,
                new Manifest.SimulationStatistics(10, 9, 1, 0.5),
                new TrainingSummary(2, List.of(1.0, 0.5), List.of(1.1, 0.6), Map.of("k", 3.0)), properties,
                new Manifest.DataStatistics(new double[] {0.5, -1}, new double[] {2, 0}));
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
}
