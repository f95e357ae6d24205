package org.sbi4j.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAtomicWrite {
    @TempDir
    Path dir;

    @Test
    void writesTheFileReadableByOthersAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/report.html");
        AtomicWrite.write(file, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(file).hasContent("hello");
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFile() throws IOException {
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicWrite.write(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(file).hasContent("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFolderWhereTheFileIsExpectedIsNamedAndNoTemporaryFileStays() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model.zip"));
        Files.writeString(folder.resolve("inside"), "kept");
        assertThatThrownBy(() -> AtomicWrite.write(folder, out -> out.write(1)))
                .hasMessage("it is a folder, and a file is expected there");
        assertThatThrownBy(() -> AtomicWrite.write(folder.resolve("inside/x.csv"), out -> out.write(1)))
                .hasMessage(folder.resolve("inside") + " is in the way");
        assertThat(folder.resolve("inside")).hasContent("kept");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
