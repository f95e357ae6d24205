package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, run headless with the flags this sandbox needs (no sandboxing, no network chatter,
 * a fresh profile). In CI ({@code CI} set) a missing browser fails the test; elsewhere the test is skipped.
 */
final class HeadlessChromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** Skips the calling test when Chromium is missing outside CI; fails it in CI. */
    static void require() {
        boolean present = Files.isExecutable(BINARY);
        if (!present && System.getenv("CI") != null) {
            fail("chromium is not installed; .ci/run installs Debian's chromium package");
        }
        Assumptions.assumeTrue(present, "chromium is not installed (apt-get install chromium)");
    }

    /** The page's DOM after its scripts ran. */
    static String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, List.of("--window-size=1280,1000", "--dump-dom"));
    }

    /** Takes a screenshot of the first {@code height} pixels of the page. */
    static void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(page, List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath()));
    }

    private static String run(Path page, List<String> extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=5000",
                "--user-data-dir=" + profile));
        command.addAll(extra);
        command.add(page.toAbsolutePath().toUri().toString());
        Path stdout = Files.createTempFile("chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        Files.deleteIfExists(stdout);
        return out;
    }
}
