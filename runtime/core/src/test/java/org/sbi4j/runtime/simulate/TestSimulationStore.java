package org.sbi4j.runtime.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
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

    /** A disk that takes {@code capacity} more bytes, then fails as a full disk does (after a partial write). */
    private static final class FullDisk implements SimulationStore.Disk {
        private final AtomicLong free;

        FullDisk(long capacity) {
            free = new AtomicLong(capacity);
        }

        @Override
        public OutputStream output(Path file, OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    long left = free.getAndAdd(-len);
                    if (left < len) {
                        out.write(b, off, (int) Math.max(0, left));
                        throw new FileSystemException(file.toString(), null, "No space left on device");
                    }
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
        }
    }

    /** A disk that takes no files: the probe and every write fail as on a read-only mount. */
    private static final SimulationStore.Disk READ_ONLY = new SimulationStore.Disk() {
        @Override
        public void probe(Path folder) throws IOException {
            throw new FileSystemException(folder.toString(), null, "Read-only file system");
        }

        @Override
        public OutputStream output(Path file, OutputStream out) {
            throw new AssertionError("a read-only store wrote " + file);
        }
    };

    private static SimulationEngine.Outcome fill(Path store, int budget, boolean keep, SimulationStore.Disk disk) {
        SimulationEngine engine = new SimulationEngine(ProgressReporter.SILENT);
        try (SimulationStore s = SimulationStore.open(store, identity(42, 1.0), disk)) {
            return engine.simulate(request(budget), null, new LocalSimulationBackend(LocalWorkerPool.shared()), s,
                    keep);
        }
    }

    @Test
    void aFullDiskFailsWithoutAHalfWrittenChunkAndARunWithSpaceResumes() throws IOException {
        fill(dir.resolve("direct"), 2000, false);
        Map<String, String> direct = files(dir.resolve("direct"));
        // room for the first manifest and a few chunks (about 3.5 kB each), then the disk is full
        assertThatThrownBy(() -> fill(dir.resolve("s"), 2000, false, new FullDisk(20_000)))
                .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.EXTERNAL))
                .hasMessageContaining("the simulation store " + dir.resolve("s") + ": cannot store batch")
                .hasMessageContaining("(No space left on device). Make the folder writable and free space on its "
                        + "disk")
                .hasMessageContaining("a re-run resumes from them")
                .satisfies(e -> assertThat(e.getSuppressed()).as("the manifest could not be written either")
                        .extracting(Throwable::getMessage).anyMatch(m -> m.contains("cannot write its manifest.json")));
        Map<String, String> left = files(dir.resolve("s"));
        assertThat(left.keySet()).as("whole chunks only, nothing temporary").allMatch(name -> name.equals(
                "manifest.json") || name.matches("batch-\\d{6}/(theta\\.npy|x\\.npy|valid\\.npy|sha256)"));
        long chunks = left.keySet().stream().filter(name -> name.endsWith("/sha256")).count();
        assertThat(chunks).as("some chunks were stored before the disk filled").isBetween(1L, 5L);
        left.forEach((name, bytes) -> {
            if (!name.equals("manifest.json")) {
                assertThat(bytes).as(name).isEqualTo(direct.get(name));
            }
        });
        assertThat(left).hasSize(1 + 4 * (int) chunks);

        SimulationEngine.StoreReport resumed = fill(dir.resolve("s"), 2000, false).store();
        assertThat(resumed.found()).isEqualTo((int) chunks);
        assertThat(resumed.simulated()).isEqualTo(20 - (int) chunks);
        assertThat(files(dir.resolve("s"))).isEqualTo(direct);
    }

    @Test
    void aCompleteStoreThatTakesNoFilesIsReadWithoutWritingAndAnIncompleteOneIsRefused() throws IOException {
        fill(dir.resolve("s"), 1050, false);
        Files.createDirectories(dir.resolve("s/.batch-000004.tmp-1-1")); // as a killed writer left it
        Files.writeString(dir.resolve("s/.batch-000004.tmp-1-1/x.npy"), "half");
        Map<String, String> before = files(dir.resolve("s"));
        Simulations memory = new SimulationEngine(ProgressReporter.SILENT).run(request(1050));
        for (int budget : List.of(1050, 1000, 990)) {
            SimulationEngine.Outcome read = fill(dir.resolve("s"), budget, true, READ_ONLY);
            assertThat(read.store().found()).isEqualTo((budget + BATCH - 1) / BATCH - read.store().unstored());
            assertThat(read.store().simulated()).isZero();
            assertThat(read.simulations().data()).isDeepEqualTo(
                    new SimulationEngine(ProgressReporter.SILENT).run(request(budget)).data());
        }
        assertThat(fill(dir.resolve("s"), 1050, true, READ_ONLY).simulations().theta()).isDeepEqualTo(memory.theta());
        assertThat(files(dir.resolve("s"))).as("nothing written or tidied").isEqualTo(before);
        try (SimulationStore reader = SimulationStore.open(dir.resolve("s"), identity(42, 1.0), READ_ONLY)) {
            assertThat(reader.readOnly()).isTrue();
            SimulationStore.open(dir.resolve("s"), identity(42, 1.0)).close(); // a reader takes no lock
        }

        Path x = dir.resolve("s/batch-000002/x.npy");
        byte[] bytes = Files.readAllBytes(x);
        bytes[bytes.length - 1] ^= 1;
        Files.write(x, bytes);
        StringBuilder log = new StringBuilder();
        assertThatThrownBy(() -> Stderr.capture(log, () -> fill(dir.resolve("s"), 2000, false, READ_ONLY)))
                .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.EXTERNAL))
                .hasMessage("the simulation store " + dir.resolve("s") + " cannot be written (Read-only file system)"
                        + " and lacks 11 of the 20 batches of 100 simulations this job needs for its budget of 2000:"
                        + " batches 2, 10-19 (1 of them stored but damaged). Fill it where it can be written ('sbi4j"
                        + " simulate --config CONFIG --store " + dir.resolve("s") + "' with this config), give the "
                        + "store folder (--store, or simulation.store in the config) a writable copy, or lower "
                        + "simulation.budget to 200 (what it holds from its first batch on)");
        assertThat(log.toString()).contains("batch 2 of the read-only simulation store", "x.npy does not match");
        assertThat(x).as("a damaged chunk of a read-only store is left as it is").exists();

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThatThrownBy(() -> SimulationStore.open(empty, identity(42, 1.0), READ_ONLY))
                .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.EXTERNAL))
                .hasMessageContaining("cannot write into it (Read-only file system)");
    }

    @Test
    void batchRangesAreWrittenShort() {
        assertThat(SimulationStore.ranges(List.of(2, 10, 11, 12, 19))).isEqualTo("2, 10-12, 19");
        assertThat(SimulationStore.ranges(List.of(0, 1, 5))).isEqualTo("0, 1, 5");
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
