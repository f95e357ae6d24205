package org.sbi4j.runtime.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.testing.Stderr;

/**
 * The simulation store: the training data read from it are the in-memory job's; a store filled in pieces (extended,
 * or after chunks were damaged or written after the manifest) is byte for byte the store filled at once; a store of
 * other simulations or a folder that is not a store is refused; a folder that takes no files is an external error.
 */
class TestSimulationStore {
    private static final BoxUniformPrior PRIOR = BoxUniformPrior.cube(2, -1, 1);
    private static final int BATCH = 100;

    @TempDir
    Path dir;

    /** x = θ + U(0,1) noise; NaN (a failed run) when θ₁ > 0.8. */
    private static final Simulator SIMULATOR = TestSimulationEngine.simulator(0.8);

    private static StoreIdentity identity(long seed, double width) {
        ObjectNode simulator = Json.mapper().createObjectNode().put("type", "shifted").put("width", width);
        return new StoreIdentity(simulator, "test.Plugin", "1.0", Json.mapper().createObjectNode().put("type", "box"),
                "test.Plugin", "1.0", seed, BATCH, "simulation", List.of("a", "b"), List.of("x", "y"));
    }

    private static SimulationEngine.Request request(int budget) {
        return new SimulationEngine.Request(PRIOR, SIMULATOR, budget, BATCH, 2, 42, InvalidPolicy.DROP);
    }

    private static SimulationEngine.Outcome fill(Path store, int budget, boolean keep) {
        SimulationEngine engine = new SimulationEngine(ProgressReporter.SILENT);
        try (SimulationStore s = SimulationStore.open(store, identity(42, 1.0))) {
            return engine.simulate(request(budget), null, new LocalSimulationBackend(LocalWorkerPool.shared()), s,
                    keep);
        }
    }

    @Test
    void trainingDataReadFromTheStoreAreTheInMemoryJobs() {
        Simulations memory = new SimulationEngine(ProgressReporter.SILENT).run(request(1050));
        assertThat(memory.invalidCount()).as("some runs fail, so the mask matters").isPositive();
        SimulationEngine.Outcome first = fill(dir.resolve("s"), 1050, true);
        SimulationEngine.Outcome again = fill(dir.resolve("s"), 1050, true);
        for (SimulationEngine.Outcome o : List.of(first, again)) {
            assertThat(o.simulations().theta()).isDeepEqualTo(memory.theta());
            assertThat(o.simulations().data()).isDeepEqualTo(memory.data());
            assertThat(o.simulations().invalidCount()).isEqualTo(memory.invalidCount());
        }
        assertThat(first.store().simulated()).isEqualTo(11);
        assertThat(again.store().found()).isEqualTo(11);
        assertThat(again.store().simulated()).isZero();
        assertThat(again.store().storedSimulations() - again.store().storedValid()).isEqualTo(memory.invalidCount());
    }

    @Test
    void extendingAStoreGivesTheStoreOfTheLargerBudgetByteForByte() throws IOException {
        fill(dir.resolve("direct"), 2000, false);
        fill(dir.resolve("grown"), 1050, false);
        SimulationEngine.StoreReport grown = fill(dir.resolve("grown"), 2000, false).store();
        assertThat(grown.found()).as("the ten full batches").isEqualTo(10);
        assertThat(grown.simulated()).as("the partial batch 10 and batches 11-19").isEqualTo(10);
        assertThat(files(dir.resolve("grown"))).hasSize(1 + 20 * 4).isEqualTo(files(dir.resolve("direct")));

        // a smaller budget ending inside a stored batch reads the rest of it from a fresh simulation, not the store
        Simulations memory = new SimulationEngine(ProgressReporter.SILENT).run(request(1050));
        SimulationEngine.Outcome smaller = fill(dir.resolve("grown"), 1050, true);
        assertThat(smaller.store().unstored()).isEqualTo(1);
        assertThat(smaller.simulations().data()).isDeepEqualTo(memory.data());
        assertThat(files(dir.resolve("grown"))).isEqualTo(files(dir.resolve("direct")));
    }

    @Test
    void damagedOrTruncatedChunksAreSimulatedAgainWithAWarning() throws IOException {
        fill(dir.resolve("s"), 1000, false);
        Map<String, String> whole = files(dir.resolve("s"));
        Path x = dir.resolve("s/batch-000003/x.npy");
        byte[] bytes = Files.readAllBytes(x);
        bytes[bytes.length - 3] ^= 1;
        Files.write(x, bytes);
        Path theta = dir.resolve("s/batch-000007/theta.npy");
        Files.write(theta, java.util.Arrays.copyOf(Files.readAllBytes(theta), 200));
        Files.delete(dir.resolve("s/batch-000008/valid.npy"));
        StringBuilder log = new StringBuilder();
        SimulationEngine.StoreReport report = Stderr.capture(log, () -> fill(dir.resolve("s"), 1000, false)).store();
        assertThat(report.damaged()).isEqualTo(3);
        assertThat(report.simulated()).isEqualTo(3);
        assertThat(log.toString()).contains("batch 3 of the simulation store", "x.npy does not match its SHA-256")
                .contains("batch 7", "theta.npy does not match").contains("batch 8", "valid.npy is missing");
        assertThat(files(dir.resolve("s"))).isEqualTo(whole);
    }

    @Test
    void chunksWrittenAfterTheManifestAreCheckedByTheirOwnChecksums() throws IOException {
        fill(dir.resolve("direct"), 1000, false);
        fill(dir.resolve("s"), 500, false);
        byte[] early = Files.readAllBytes(dir.resolve("s/manifest.json"));
        fill(dir.resolve("s"), 1000, false);
        Files.write(dir.resolve("s/manifest.json"), early); // as if killed before the manifest was written again
        Path x = dir.resolve("s/batch-000009/x.npy");
        byte[] bytes = Files.readAllBytes(x);
        bytes[bytes.length - 1] ^= 1;
        Files.write(x, bytes);
        SimulationEngine.StoreReport report = Stderr.capture(new StringBuilder(),
                () -> fill(dir.resolve("s"), 1000, false)).store();
        assertThat(report.found()).isEqualTo(9);
        assertThat(report.simulated()).isEqualTo(1);
        assertThat(files(dir.resolve("s"))).isEqualTo(files(dir.resolve("direct")));
    }

    @Test
    void aStoreOfOtherSimulationsIsRefusedNamingEveryDifference() throws IOException {
        fill(dir.resolve("s"), 300, false);
        Map<String, String> before = files(dir.resolve("s"));
        assertThatThrownBy(() -> SimulationStore.open(dir.resolve("s"), identity(7, 2.5)))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("holds other simulations than this job asks for")
                .hasMessageContaining("simulator.width: the store has 1.0, this job 2.5")
                .hasMessageContaining("seed: the store has 42, this job 7");
        assertThat(files(dir.resolve("s"))).isEqualTo(before);
        // refused at once, and the lock is free again
        SimulationStore.open(dir.resolve("s"), identity(42, 1.0)).close();
    }

    @Test
    void aFolderThatIsNotAStoreOrTakesNoFilesIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/notes.txt"), "mine");
        assertThatThrownBy(() -> SimulationStore.open(dir.resolve("mine"), identity(42, 1.0)))
                .isInstanceOf(SbiException.class).hasMessageContaining("is not a simulation store")
                .hasMessageContaining("notes.txt");
        assertThat(dir.resolve("mine/notes.txt")).hasContent("mine");

        Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> SimulationStore.open(dir.resolve("file/store"), identity(42, 1.0)))
                .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.EXTERNAL))
                .hasMessageContaining("the simulation store " + dir.resolve("file/store") + ": cannot write into it")
                .hasMessageContaining("Not a directory");
    }

    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}
