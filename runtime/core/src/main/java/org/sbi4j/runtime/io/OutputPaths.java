package org.sbi4j.runtime.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.sbi4j.api.SbiException;

/**
 * Checks, before any work, that an output can be written where the user asked, and says why not in the operating
 * system's words with the fix: the output is a folder where a file is expected (or the reverse), it lies under a
 * file, or its folder does not take new files. The checks leave nothing behind.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Checks that a file can be written (atomically, through a sibling) at {@code file}, and that no run holds
     * its folder ({@link OutputLock}).
     *
     * @param file the output file
     * @param option how the user gives it, for the message (e.g. {@code --out})
     * @throws SbiException a user error naming the reason and the fix
     */
    public static void checkFile(Path file, String option) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw SbiException.userError("cannot write " + file + ": it is a folder, and a file is expected there. "
                    + "Give " + option + " the name of a file (inside that folder, say) or move the folder away.");
        }
        checkParent(target, file, option);
        OutputLock.checkFree(target.getParent(), option);
    }

    /**
     * Checks that a folder can be written at {@code folder}: it is a folder or absent, and its parent takes new
     * entries.
     *
     * @param folder the output folder
     * @param option how the user gives it, for the message
     * @throws SbiException a user error naming the reason and the fix
     */
    public static void checkFolder(Path folder, String option) {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw SbiException.userError("cannot write the output folder " + folder + ": it is a file. Give "
                    + option + " a folder (a new one is created) or move the file away.");
        }
        checkParent(target, folder, option);
    }

    /**
     * The operating system's reason for a failed file operation, without the paths it was about.
     *
     * @param e the failure
     * @return e.g. "permission denied", "Not a directory", "No space left on device"
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is in the way";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * The path itself when it exists, else its nearest existing ancestor.
     *
     * @param path an absolute path
     * @return the existing path, or {@code null} when not even the root exists
     */
    static Path nearestExisting(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    /** The nearest existing ancestor of the target must be a folder that takes new files. */
    private static void checkParent(Path target, Path given, String option) {
        Path existing = target.getParent() == null ? null : nearestExisting(target.getParent());
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw SbiException.userError("cannot write " + given + ": " + existing + " is a file, not a folder. "
                    + "Choose another " + option + " or move that file away.");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".sbi4j-write-check-", ".tmp"));
        } catch (IOException e) {
            throw SbiException.userError("cannot write " + given + ": the folder " + existing
                    + " does not take new files (" + reason(e) + "). Make it writable (e.g. chmod u+w " + existing
                    + ") or choose another " + option + ".");
        }
    }
}
