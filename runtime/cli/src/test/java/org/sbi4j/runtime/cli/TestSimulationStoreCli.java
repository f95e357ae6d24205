package org.sbi4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.testing.Cli;
import org.sbi4j.runtime.testing.CliProcess;
import org.sbi4j.runtime.testing.Mount;
import org.sbi4j.runtime.testing.Stderr;

/**
 * {@code sbi4j simulate} and {@code --store}: a simulation killed with SIGKILL resumes where it stopped and ends with
 * the store of an uninterrupted run, without simulating the stored batches again; training from a store gives the
 * samples of training without one; a store of another seed is refused; a store folder that takes no files fails with
 * exit 1 before any model is written. On real mounts (skipped where mounting is not permitted): a full disk fails with
 * exit 1 and one paragraph, leaves whole chunks only and no model, and a run with space resumes; a complete store on
 * a read-only mount is read, an incomplete one refused naming the missing batches.
 */
class TestSimulationStoreCli {
    @TempDir
    Path dir;

    private Path config(long seed) throws IOException {
        return Files.writeString(dir.resolve("c" + seed + ".yaml"), "seed: " + seed
                + "\nsimulator: {type: linear-gaussian}\nestimator: {type: linear-regression}\n"
                + "simulation: {budget: 2000, batch-size: 100}\nsamples: 50\ndiagnostics: {enabled: false}\n"
                + "observations: [{values: [0.5, 1]}]\n");
    }

    @Test
    void aKilledSimulationResumesAndEndsWithTheStoreOfAnUninterruptedRun() throws IOException {
        // every run in a JVM of its own, so that each sees the plugin jar's version as the launcher does
        Path config = config(5);
        CliProcess whole = CliProcess.holdingAt("never", "simulate", "-c", config.toString(), "--store",
                dir.resolve("whole").toString());
        assertThat(whole.release()).as(whole.err()).isZero();
        assertThat(whole.err()).contains("0 of 20 batches found, 20 simulated");

        Path store = dir.resolve("killed");
        CliProcess.holdingAt("stored:7", "simulate", "-q", "--threads", "1", "-c", config.toString(), "--store",
                store.toString()).awaitHold().kill();
        try (Stream<Path> chunks = Files.list(store)) {
            assertThat(chunks.filter(p -> p.getFileName().toString().startsWith("batch-"))).hasSize(7);
        }
        CliProcess resumed = CliProcess.holdingAt("never", "simulate", "-c", config.toString(), "--store",
                store.toString());
        assertThat(resumed.release()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("7 of 20 batches found, 13 simulated")
                .contains("it holds 2000 simulations (0 failed)");
        assertThat(files(store)).isEqualTo(files(dir.resolve("whole")));
    }

    @Test
    void trainingFromAStoreGivesTheSamplesOfTrainingWithoutOne() throws IOException {
        Path config = config(6);
        Cli memory = Cli.run("run", "-q", "-c", config.toString(), "--out", dir.resolve("memory").toString());
        assertThat(memory.code()).as(memory.err()).isZero();
        Cli simulated = Cli.run("simulate", "-q", "-c", config.toString(), "--store", dir.resolve("s").toString(),
                "--set", "simulation.budget=1200");
        assertThat(simulated.code()).as(simulated.err()).isZero();
        StringBuilder log = new StringBuilder();
        Cli stored = Stderr.capture(log, () -> Cli.run("run", "-q", "-c", config.toString(), "--out",
                dir.resolve("stored").toString(), "--store", dir.resolve("s").toString()));
        assertThat(stored.code()).as(stored.err()).isZero();
        assertThat(log.toString()).contains("12 of 20 batches found, 8 simulated");
        assertThat(dir.resolve("stored/obs01/samples.csv")).hasSameBinaryContentAs(dir.resolve("memory/obs01/samples.csv"));

        Cli other = Cli.run("train", "-q", "-c", config(7).toString(), "--out", dir.resolve("m.zip").toString(),
                "--store", dir.resolve("s").toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("seed: the store has 6, this job 7");
        assertThat(dir.resolve("m.zip")).doesNotExist();
    }

    @Test
    void aStoreFolderThatTakesNoFilesFailsWithExitOneAndNoModel() throws IOException {
        Files.writeString(dir.resolve("file"), "not a folder");
        Cli r = Cli.run("train", "-q", "-c", config(5).toString(), "--out", dir.resolve("m.zip").toString(),
                "--store", dir.resolve("file/store").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("the simulation store " + dir.resolve("file/store") + ": cannot write into it")
                .doesNotContain("Exception");
        assertThat(dir.resolve("m.zip")).doesNotExist();

        Cli simulate = Cli.run("simulate", "-q", "-c", config(5).toString());
        assertThat(simulate.code()).isEqualTo(2);
        assertThat(simulate.err()).contains("give a store folder with --store DIR");
    }

    @Test
    void aFullDiskFailsWithExitOneLeavesNoHalfWrittenChunkOrModelAndARunWithSpaceResumes() throws IOException {
        Path config = config(8);
        Cli whole = Cli.run("simulate", "-q", "-c", config.toString(), "--store", dir.resolve("whole").toString());
        assertThat(whole.code()).as(whole.err()).isZero();
        try (Mount disk = Mount.tmpfs(dir.resolve("disk"), "48k")) {
            Path store = dir.resolve("disk/store");
            Cli full = Cli.run("simulate", "-q", "-c", config.toString(), "--store", store.toString());
            assertThat(full.code()).as(full.err()).isEqualTo(1);
            assertThat(full.err()).contains("the simulation store " + store + ": cannot store batch")
                    .contains("(No space left on device). Make the folder writable and free space on its disk")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(full.err().strip().lines().filter(l -> !l.isBlank())).as("one paragraph").hasSize(1);
            Map<String, String> left = files(store);
            assertThat(left.keySet()).as("whole chunks only, nothing temporary").allMatch(name -> name.equals(
                    "manifest.json") || name.matches("batch-\\d{6}/(theta\\.npy|x\\.npy|valid\\.npy|sha256)"));
            Map<String, String> uninterrupted = files(dir.resolve("whole"));
            left.forEach((name, bytes) -> {
                if (!name.equals("manifest.json")) {
                    assertThat(bytes).as(name).isEqualTo(uninterrupted.get(name));
                }
            });
            long stored = left.keySet().stream().filter(name -> name.endsWith("/sha256")).count();
            assertThat(stored).as("the disk filled in the middle").isBetween(0L, 19L);

            Path filler = fill(dir.resolve("disk/filler"));
            Cli train = Cli.run("train", "-q", "-c", config.toString(), "--store", dir.resolve("whole").toString(),
                    "--out", dir.resolve("disk/m.zip").toString());
            assertThat(train.code()).as(train.err()).isEqualTo(1);
            assertThat(train.err()).contains("No space left on device").doesNotContain("Exception");
            try (Stream<Path> top = Files.list(dir.resolve("disk"))) {
                assertThat(top.map(p -> p.getFileName().toString())).as("no model, whole or half")
                        .containsExactlyInAnyOrder("store", ".store.lock", "filler");
            }
            Files.delete(filler);

            disk.resize("2m");
            StringBuilder log = new StringBuilder();
            Cli resumed = Stderr.capture(log, () -> Cli.run("simulate", "-c", config.toString(), "--store",
                    store.toString()));
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(log.toString()).contains(stored + " of 20 batches found, " + (20 - stored) + " simulated");
            assertThat(files(store)).isEqualTo(uninterrupted);
        }
    }

    @Test
    void aCompleteStoreOnAReadOnlyMountIsReadAndAnIncompleteOneIsRefusedNamingWhatIsMissing() throws IOException {
        Path config = config(9);
        Cli memory = Cli.run("run", "-q", "-c", config.toString(), "--out", dir.resolve("memory").toString());
        assertThat(memory.code()).as(memory.err()).isZero();
        assertThat(Cli.run("simulate", "-q", "-c", config.toString(), "--store", dir.resolve("src/s").toString())
                .code()).isZero();
        Map<String, String> stored = files(dir.resolve("src/s"));
        try (Mount ro = Mount.readOnly(dir.resolve("src"), dir.resolve("ro"))) {
            Path store = dir.resolve("ro/s");
            assertThatThrownBy(() -> Files.createFile(store.resolve("probe"))).as("the mount is read-only, even "
                    + "for root").isInstanceOf(IOException.class);
            Cli read = Cli.run("run", "-q", "-c", config.toString(), "--out", dir.resolve("stored").toString(),
                    "--store", store.toString());
            assertThat(read.code()).as(read.err()).isZero();
            assertThat(dir.resolve("stored/obs01/samples.csv"))
                    .hasSameBinaryContentAs(dir.resolve("memory/obs01/samples.csv"));
            assertThat(files(store)).isEqualTo(stored);

            Cli larger = Cli.run("train", "-q", "-c", config.toString(), "--out", dir.resolve("m.zip").toString(),
                    "--store", store.toString(), "--set", "simulation.budget=2450");
            assertThat(larger.code()).as(larger.err()).isEqualTo(1);
            assertThat(larger.err()).contains("the simulation store " + store + " cannot be written (Read-only file "
                    + "system) and lacks 5 of the 25 batches", "batches 20-24", "sbi4j simulate --config CONFIG --store "
                    + store, "lower simulation.budget to 2000").doesNotContain("Exception");
            assertThat(dir.resolve("m.zip")).doesNotExist();
        }
    }

    /** Writes a file until the disk is full. */
    private static Path fill(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] block = new byte[1024];
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left on device");
        }
        return file;
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}
