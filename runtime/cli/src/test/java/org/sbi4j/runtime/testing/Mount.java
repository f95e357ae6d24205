package org.sbi4j.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real mount for the tests of a full or read-only disk (a small tmpfs, a read-only bind mount), made with the
 * system's {@code mount}. Where mounting is not permitted (not root, no mount capability in a container) the test is
 * skipped with the reason; the fault seam of the store's own tests covers the same paths everywhere.
 */
public final class Mount implements AutoCloseable {
    private final Path at;

    private Mount(Path at) {
        this.at = at;
    }

    /**
     * Mounts a tmpfs of a given size.
     *
     * @param at the mount point (created)
     * @param size the size, as {@code mount -o size=} takes it (e.g. {@code 64k})
     * @return the mount; close it to unmount
     */
    public static Mount tmpfs(Path at, String size) {
        mkdirs(at);
        run(true, "mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
        return new Mount(at);
    }

    /**
     * Mounts a folder read-only at another place.
     *
     * @param source the folder
     * @param at the mount point (created)
     * @return the mount; close it to unmount
     */
    public static Mount readOnly(Path source, Path at) {
        mkdirs(at);
        run(true, "mount", "--bind", source.toString(), at.toString());
        Mount mount = new Mount(at);
        try {
            run(false, "mount", "-o", "remount,bind,ro", at.toString());
        } catch (RuntimeException e) {
            mount.close();
            throw e;
        }
        return mount;
    }

    /**
     * Changes a tmpfs's size.
     *
     * @param size the new size
     */
    public void resize(String size) {
        run(false, "mount", "-o", "remount,size=" + size, at.toString());
    }

    /** Unmounts. */
    @Override
    public void close() {
        run(false, "umount", "-l", at.toString());
    }

    private static void mkdirs(Path at) {
        try {
            Files.createDirectories(at);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command; when {@code skipOnFailure}, a failure skips the test (mounting not permitted here). */
    private static void run(boolean skipOnFailure, String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        String output;
        int code;
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish in 30 s");
            }
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            code = p.exitValue();
        } catch (IOException e) {
            output = e.getMessage();
            code = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (code != 0) {
            String what = String.join(" ", line) + " failed (" + code + "): " + output;
            if (skipOnFailure) {
                Assumptions.abort("mounting is not permitted here, so the real-disk check is skipped (" + what
                        + "); the store's fault-seam tests cover the same path");
            }
            throw new IllegalStateException(what);
        }
    }
}
