package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sbi4j.runtime.testing.Cli;
import org.sbi4j.runtime.testing.CliProcess;

/**
 * The product's run folder under SIGKILL: the example's run (rejection ABC) stays whole while an NPE run into the
 * same folder is killed at a phase, and the rerun replaces it whole.
 */
class TestRunTransactions {
    private static final String[] SMALL = {"--set", "simulation.budget=2000", "--set", "samples=200",
        "--set", "diagnostics.sbc=20", "--set", "diagnostics.coverage=20", "--set", "diagnostics.draws=19",
        "--set", "diagnostics.predictive=20", "--set", "diagnostics.reference-points=200",
        "--set", "diagnostics.plots=false"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"training", "diagnostics"})
    void anNpeRunKilledInTheExamplesFolderLeavesTheExampleWhole(String phase) throws IOException {
        Path out = dir.resolve("two-moons");
        Path npe = Files.writeString(dir.resolve("npe.yaml"), Files.readString(TestEndToEnd.EXAMPLE)
                .replace("../data/", TestEndToEnd.ROOT.resolve("data") + "/")
                .replaceAll("(?s)estimator:.*?\n\n", "estimator: {type: npe, max-epochs: 2, transforms: 2, "
                        + "hidden-features: 16}\n\n"));
        Cli old = Cli.run(args(TestEndToEnd.EXAMPLE, out));
        assertThat(old.code()).as(old.err()).isZero();
        Map<String, String> before = files(out);
        assertThat(before).containsKeys("model.zip", "obs01/samples.csv", "ref02/samples.csv", "obs03/samples.csv");

        CliProcess.holdingAt(phase, args(npe, out)).awaitHold().kill();
        assertThat(files(out)).isEqualTo(before);

        Cli rerun = Cli.run(args(npe, out));
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"type\" : \"npe\"");
        assertThat(files(out).keySet()).contains("model.zip", "summary.json", "report.html", "obs03/samples.csv");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("two-moons",
                    ".two-moons.lock", "npe.yaml");
        }
    }

    private static String[] args(Path config, Path out) {
        return Stream.concat(Stream.of("run", "-q", "--config", config.toString(), "--out", out.toString()),
                Stream.of(SMALL)).toArray(String[]::new);
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
