package org.sbi4j.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;

class TestRunFolder {
    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out");
    }

    private void write(Path folder, String... files) throws IOException {
        for (String file : files) {
            Files.createDirectories(folder.resolve(file).getParent());
            Files.writeString(folder.resolve(file), folder.getFileName() + ":" + file);
        }
    }

    @Test
    void aCommitReplacesThePreviousRunWholeAndOnlyThen() throws IOException {
        write(out(), "model.zip", "summary.json", "obs03/samples.csv", "plots/corner.png");
        Map<String, String> old = files(out());
        try (RunFolder folder = RunFolder.open(out(), "--out")) {
            assertThat(folder.staging().getParent()).isEqualTo(dir);
            write(folder.staging(), "model.zip", "obs01/samples.csv");
            assertThat(files(out())).isEqualTo(old);
            folder.commit();
        }
        assertThat(files(out())).containsOnlyKeys("model.zip", "obs01/samples.csv");
        assertThat(siblings()).containsExactlyInAnyOrder("out", ".out.lock");
    }

    @Test
    void withoutACommitThePreviousRunStaysAndTheStagedFilesGo() throws IOException {
        write(out(), "model.zip", "obs01/samples.csv");
        Map<String, String> old = files(out());
        try (RunFolder folder = RunFolder.open(out(), "--out")) {
            write(folder.staging(), "model.zip");
        }
        assertThat(files(out())).isEqualTo(old);
        assertThat(siblings()).containsExactlyInAnyOrder("out", ".out.lock");
    }

    @Test
    void oneWriterAtATime() {
        try (RunFolder first = RunFolder.open(out(), "--out")) {
            assertThatThrownBy(() -> RunFolder.open(out(), "--out"))
                    .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.USER_ERROR))
                    .hasMessageContaining("the output folder " + out() + " is in use by another job of this process")
                    .hasMessageContaining("give this one another --out");
            assertThatThrownBy(() -> OutputPaths.checkFile(out().resolve("model.zip"), "--out"))
                    .hasMessageContaining("is in use");
        }
        RunFolder.open(out(), "--out").close();
    }

    @Test
    void aFolderHoldingFilesSbi4jDidNotWriteIsRefusedUntouched() throws IOException {
        write(out(), "model.zip", "obs01/samples.csv", "obs01/notes.txt", "data.csv");
        Map<String, String> before = files(out());
        assertThatThrownBy(() -> RunFolder.open(out(), "--out"))
                .hasMessage("the output folder " + out() + " holds files sbi4j did not write (data.csv, obs01/); a run "
                        + "replaces the whole folder, so it would delete them. Move them elsewhere or choose another "
                        + "--out.");
        assertThat(files(out())).isEqualTo(before);
        assertThat(siblings()).containsExactlyInAnyOrder("out", ".out.lock");
    }

    @Test
    void whatAKilledRunLeftIsDeletedByTheNextOne() throws IOException {
        write(out(), "model.zip");
        write(dir.resolve(".out.staging-99999"), "model.zip", "obs01/samples.csv");
        write(dir.resolve(".out.old-99998"), "summary.json");
        write(dir.resolve(".other.staging-99999"), "model.zip");
        RunFolder.open(out(), "--out").close();
        assertThat(siblings()).containsExactlyInAnyOrder("out", ".out.lock", ".other.staging-99999");
        assertThat(files(out())).containsOnlyKeys("model.zip");
    }

    @Test
    void aRunKilledBetweenTheRenamesOfItsCommitIsCompletedByTheNextOne() throws IOException {
        write(dir.resolve(".out.old-4242"), "model.zip", "obs03/samples.csv");
        write(dir.resolve(".out.staging-4242"), "model.zip", "obs01/samples.csv");
        Map<String, String> staged = files(dir.resolve(".out.staging-4242"));
        RunFolder.open(out(), "--out").close();
        assertThat(files(out())).isEqualTo(staged);
        assertThat(siblings()).containsExactlyInAnyOrder("out", ".out.lock");
    }

    @Test
    void withoutItsStagingTheOldRunIsPutBack() throws IOException {
        write(dir.resolve(".out.old-4242"), "model.zip", "obs03/samples.csv");
        Map<String, String> old = files(dir.resolve(".out.old-4242"));
        RunFolder.open(out(), "--out").close();
        assertThat(files(out())).isEqualTo(old);
    }

    @Test
    void aFolderThatIsAFileOrUnderAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> RunFolder.open(file, "--out"))
                .hasMessage("cannot write the output folder " + file + ": it is a file. Give --out a folder (a new "
                        + "one is created) or move the file away.");
        assertThatThrownBy(() -> RunFolder.open(file.resolve("run"), "--out"))
                .hasMessage("cannot write " + file.resolve("run") + ": " + file + " is a file, not a folder. Choose "
                        + "another --out or move that file away.");
        assertThat(siblings()).containsExactly("file");
    }

    private java.util.List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
