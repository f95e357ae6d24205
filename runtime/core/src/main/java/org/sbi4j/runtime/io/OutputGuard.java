package org.sbi4j.runtime.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.api.SbiException;

/**
 * Refuses an output that would overwrite one of a command's inputs, before any work. Paths are compared as the
 * files they name: absolute, normalised, with symbolic links resolved as far as the path exists (and hard links
 * recognised when both files exist).
 */
public final class OutputGuard {
    private OutputGuard() {
    }

    /**
     * One input of a command.
     *
     * @param role what it is, for the message, e.g. {@code "the model (--model)"}
     * @param path where it is
     */
    public record Input(String role, Path path) {
    }

    /**
     * Refuses an output file that is one of the inputs.
     *
     * @param output the file the command will write
     * @param option the option that names it, e.g. {@code "--out"}
     * @param inputs the command's inputs
     */
    public static void refuseFile(Path output, String option, List<Input> inputs) {
        for (Input input : inputs) {
            if (sameFile(output, input.path())) {
                throw SbiException.userError(option + " " + output + " is " + input.role()
                        + ": writing there would replace that input. Choose another " + option + " path");
            }
        }
    }

    /**
     * Refuses an output folder that is an input or holds one: results written there would replace or bury it.
     *
     * @param folder the folder the command will write into
     * @param option the option or setting that names it, e.g. {@code "--out"}
     * @param inputs the command's inputs
     */
    public static void refuseFolder(Path folder, String option, List<Input> inputs) {
        Path real = realPath(folder);
        for (Input input : inputs) {
            if (sameFile(folder, input.path()) || realPath(input.path()).startsWith(real)) {
                throw SbiException.userError("the output folder " + folder + " (" + option + ") holds "
                        + input.role() + " " + input.path() + ": the results written there would replace or bury "
                        + "that input. Choose another " + option + " folder, or move the input out of it");
            }
        }
    }

    /**
     * The real path of a file that may not exist yet: the longest existing prefix with its links resolved,
     * followed by the rest of the normalised path.
     *
     * @param path any path
     * @return the absolute, normalised path with its existing part resolved
     */
    static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = OutputPaths.nearestExisting(absolute);
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (realPath(a).equals(realPath(b))) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
