package org.sbi4j.runtime.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file through a temporary sibling moved into place, so a crash never leaves half a file. */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** What to write. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the content.
         *
         * @param out the stream (closed by the caller)
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically (where the file system allows), creating its folder. On failure nothing is
     * left behind (no temporary file) and the message is the operating system's reason, without temporary paths.
     *
     * @param target the file
     * @param body what to write
     * @throws IOException when writing or moving fails; the temporary file is removed
     */
    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException("it is a folder, and a file is expected there");
        }
        Path temp;
        try {
            Files.createDirectories(absolute.getParent());
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + "-", ".tmp");
        } catch (IOException e) {
            throw new IOException(OutputPaths.reason(e), e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                body.writeTo(out);
                if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    // temporary files are created owner-only; results are ordinary files (rw-r--r--)
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            move(temp, absolute);
        } catch (FileSystemException e) {
            Files.deleteIfExists(temp);
            throw new IOException(OutputPaths.reason(e), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
