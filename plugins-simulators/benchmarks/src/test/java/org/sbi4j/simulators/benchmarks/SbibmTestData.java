package org.sbi4j.simulators.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's copy of the sbibm data ({@code data/sbibm}) from the test's working directory. */
final class SbibmTestData {
    private SbibmTestData() {
    }

    /** The {@code data/sbibm} folder of the repository. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("data").resolve("sbibm");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("data/sbibm not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * The folder of one task.
     *
     * @param task e.g. {@code two_moons}
     * @return the folder
     */
    static Path task(String task) {
        return root().resolve(task);
    }
}
