package org.sbi4j.runtime.io;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sbi4j.api.SbiException;

/**
 * An exclusive lock on an output folder, so that one job at a time writes there: an operating-system file lock
 * ({@link FileChannel#tryLock()}) on the hidden file {@code .<name>.lock} beside the folder (beside, not inside:
 * the folder itself is replaced when a run completes). The operating system releases the lock when the process
 * ends, however it ends, so a killed run never blocks the next one. A second writer is refused at once, never
 * made to wait. The lock file stays after the lock is released (a few bytes: the holder's process id); deleting
 * it could let two processes lock two different files of the same name.
 */
public final class OutputLock implements AutoCloseable {
    /** Lock files held in this JVM: a second channel on a locked file must not be opened (closing it would free the lock). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a folder, or refuses at once when another job holds it.
     *
     * @param folder the output folder (it need not exist; its parent must)
     * @param option how the user names the folder, for the message
     * @return the lock; close it to release
     * @throws SbiException a user error when the folder is in use or the lock file cannot be written
     */
    public static OutputLock acquire(Path folder, String option) {
        Path file = lockFile(folder);
        if (!HELD.add(file)) {
            throw inUse(folder, option, "another job of this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, CREATE, WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(folder, option, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new OutputLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw SbiException.userError("cannot lock the output folder " + folder + ": cannot write " + file + " ("
                    + OutputPaths.reason(e) + "). Make " + file.getParent() + " writable or choose another " + option
                    + ".");
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw e;
        }
    }

    /**
     * Refuses when a job holds the lock of a folder now (for commands that write a file into a folder a run may
     * own); takes nothing.
     *
     * @param folder the folder
     * @param option how the user names the output, for the message
     * @throws SbiException a user error when the folder is in use
     */
    public static void checkFree(Path folder, String option) {
        Path file = lockFile(folder);
        if (HELD.contains(file)) {
            throw inUse(folder, option, "another job of this process");
        }
        if (!Files.isRegularFile(file)) {
            return;
        }
        FileLock lock;
        try (FileChannel channel = FileChannel.open(file, WRITE)) {
            lock = tryLock(channel);
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            return; // cannot tell; the write itself will say what is wrong
        }
        if (lock == null) {
            throw inUse(folder, option, holder(file));
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(file);
    }

    /** The lock file of a folder: {@code .<name>.lock} beside it. */
    static Path lockFile(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "another sbi4j job" : "another sbi4j job (process " + pid + ")";
        } catch (IOException e) {
            return "another sbi4j job";
        }
    }

    private static SbiException inUse(Path folder, String option, String holder) {
        return SbiException.userError("the output folder " + folder + " is in use by " + holder
                + ", which is writing there now. Wait for it to finish, or give this one another " + option
                + " (a job that was killed frees the folder by itself).");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to keep
            }
        }
    }
}
