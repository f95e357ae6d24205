package org.sbi4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sbi4j.runtime.io.RunFolder;
import org.sbi4j.runtime.testing.Cli;
import org.sbi4j.runtime.testing.CliProcess;

/**
 * A run's folder always holds one complete run: the previous one or the new one, never a mix, whenever the run
 * stops (SIGKILL at each phase), with one writer at a time, and never at the cost of files sbi4j did not write.
 */
class TestRunOutputs {
    @TempDir
    static Path shared;
    /** The files of a complete run of {@link #newConfig}, run once into a folder of its own. */
    static Map<String, String> newRun;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheNewConfigOnce() throws IOException {
        Path out = shared.resolve("reference");
        Cli r = Cli.run("run", "-q", "-c", newConfig(shared).toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        newRun = files(out);
    }

    /** The earlier run: three observations, seed 5. */
    static Path oldConfig(Path dir) throws IOException {
        return config(dir, "old.yaml", 5, 3);
    }

    /** The new run: two observations, seed 6. */
    static Path newConfig(Path dir) throws IOException {
        return config(dir, "new.yaml", 6, 2);
    }

    private static Path config(Path dir, String name, long seed, int observations) throws IOException {
        String obs = IntStream.range(0, observations).mapToObj(i -> "{values: [" + i + ", 1]}")
                .collect(Collectors.joining(", "));
        return Files.writeString(dir.resolve(name), "seed: " + seed + "\nsimulator: {type: linear-gaussian}\n"
                + "estimator: {type: linear-regression}\nsimulation: {budget: 500, batch-size: 100}\nsamples: 20\n"
                + "diagnostics: {sbc: 20, coverage: 20, draws: 19, predictive: 20}\nobservations: [" + obs + "]\n");
    }

    private Path out() {
        return dir.resolve("runs/out");
    }

    private Cli run(Path config, Path out) {
        return Cli.run("run", "-q", "-c", config.toString(), "--out", out.toString());
    }

    private Map<String, String> oldRun() throws IOException {
        Cli r = run(oldConfig(dir), out());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, String> old = files(out());
        assertThat(old).containsKeys("model.zip", "summary.json", "report.html", "diagnostics.json", "obs03/samples.csv");
        assertThat(old.keySet()).anyMatch(f -> f.startsWith("plots/"));
        return old;
    }

    @Test
    void aRerunLeavesNothingOfTheEarlierRunBesideTheNewOne() throws IOException {
        oldRun();
        Cli r = run(newConfig(dir), out());
        assertThat(r.code()).as(r.err()).isZero();
        assertCompleteNewRun();
        assertThat(out().resolve("obs03")).doesNotExist();
        assertNoLeftovers();
    }

    @Test
    void aFolderHoldingTheUsersFilesIsRefusedAndKept() throws IOException {
        oldRun();
        Files.writeString(out().resolve("notes.txt"), "my notes");
        Map<String, String> before = files(out());
        Cli r = run(newConfig(dir), out());
        assertUsageError(r, "holds files sbi4j did not write (notes.txt)");
        assertThat(r.err()).contains("Move them elsewhere or choose another output folder");
        assertThat(r.out()).doesNotContain("simulations:");
        assertThat(files(out())).isEqualTo(before);
        assertNoLeftovers();
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "a file");
        Cli under = run(newConfig(dir), file.resolve("run"));
        assertUsageError(under, file + " is a file, not a folder");
        assertThat(under.out()).doesNotContain("simulations:");
        Cli onFile = run(newConfig(dir), file);
        assertUsageError(onFile, "cannot write the output folder " + file + ": it is a file");
        assertThat(file).hasContent("a file");
        assertNoHiddenFiles(dir);
    }

    @Test
    void anUnwritableOutputFolderIsRefusedWithTheReason() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only folders");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Cli r = run(newConfig(dir), locked.resolve("run"));
            assertUsageError(r, "does not take new files (permission denied)");
            assertThat(r.err()).contains("chmod u+w " + locked);
            Cli t = Cli.run("train", "-q", "-c", newConfig(dir).toString(), "--out", locked.resolve("m.zip").toString());
            assertUsageError(t, "does not take new files (permission denied)");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void trainAndSampleRefuseAnOutputTheyCannotWriteBeforeTheWork() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a-folder.zip"));
        Cli train = Cli.run("train", "-q", "-c", newConfig(dir).toString(), "--out", folder.toString());
        assertUsageError(train, "cannot write " + folder + ": it is a folder, and a file is expected there");
        assertThat(train.out()).doesNotContain("simulations:");
        Path model = dir.resolve("m.zip");
        assertThat(Cli.run("train", "-q", "-c", newConfig(dir).toString(), "--out", model.toString()).code()).isZero();
        Path obs = Files.writeString(dir.resolve("obs.csv"), "x_1,x_2\n0.25,-1\n");
        Path file = Files.writeString(dir.resolve("file.txt"), "a file");
        Cli sample = Cli.run("sample", "-m", model.toString(), "--observation", obs.toString(), "-n", "5",
                "--out", file.resolve("s.csv").toString());
        assertUsageError(sample, file + " is a file, not a folder");
        Cli onFolder = Cli.run("sample", "-m", model.toString(), "--observation", obs.toString(), "-n", "5",
                "--out", folder.toString());
        assertUsageError(onFolder, "it is a folder, and a file is expected there");
        assertThat(file).hasContent("a file");
        assertThat(folder).isEmptyDirectory();
        assertNoHiddenFiles(dir);
    }

    @Test
    void aSecondWriterIsRefusedWhileARunHoldsTheFolder() throws IOException {
        Map<String, String> old = oldRun();
        CliProcess first = CliProcess.holdingAt("training", "run", "-q", "-c", newConfig(dir).toString(),
                "--out", out().toString()).awaitHold();
        try {
            Cli second = run(oldConfig(dir), out());
            assertUsageError(second, "the output folder " + out() + " is in use by another sbi4j job (process ");
            assertThat(second.err()).contains("Wait for it to finish, or give this one another output folder");
            Cli train = Cli.run("train", "-q", "-c", oldConfig(dir).toString(), "--out",
                    out().resolve("model.zip").toString());
            assertUsageError(train, "is in use by another sbi4j job");
            assertThat(files(out())).isEqualTo(old);
        } finally {
            assertThat(first.release()).as(first.err()).isZero();
        }
        assertCompleteNewRun();
        assertNoLeftovers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulating", "training", "saving", "sampling:obs02", "diagnostics", "summary",
            "committing", "committed"})
    void aRunKilledAtAnyPhaseLeavesTheOldOrTheNewCompleteRunAndTheRerunSucceeds(String phase) throws IOException {
        Map<String, String> old = oldRun();
        CliProcess.holdingAt(phase, "run", "-q", "-c", newConfig(dir).toString(), "--out", out().toString())
                .awaitHold().kill();
        switch (phase) {
            case "committing" -> {
                // killed between the two renames: the next run first moves the complete new run into place
                assertThat(out()).doesNotExist();
                RunFolder.open(out(), "--out").close();
                assertCompleteNewRun();
            }
            case "committed" -> assertCompleteNewRun();
            default -> assertThat(files(out())).isEqualTo(old);
        }
        Cli rerun = run(newConfig(dir), out());
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertCompleteNewRun();
        assertNoLeftovers();
    }

    private void assertCompleteNewRun() throws IOException {
        Map<String, String> found = files(out());
        assertThat(found.keySet()).isEqualTo(newRun.keySet());
        for (String file : newRun.keySet()) {
            if (file.endsWith(".csv")) {
                assertThat(found.get(file)).as(file).isEqualTo(newRun.get(file));
            }
        }
        assertThat(arrays(found.get("model.zip"))).isEqualTo(arrays(newRun.get("model.zip")));
    }

    /** The arrays of a model file (its manifest holds timings, which differ from run to run). */
    private static Map<String, String> arrays(String model) throws IOException {
        Map<String, String> arrays = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(model.getBytes(StandardCharsets.ISO_8859_1)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().startsWith("arrays/")) {
                    arrays.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(arrays).isNotEmpty();
        return arrays;
    }

    /** Beside the run folder: nothing but the folder and its lock file. */
    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> siblings = Files.list(out().getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", ".out.lock");
        }
    }

    private static void assertNoHiddenFiles(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".") && !n.endsWith(".lock"));
        }
    }

    private static void assertUsageError(Cli r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
    }

    /** Every file under a folder, by relative path, with its bytes. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
