package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.testing.Cli;

/**
 * {@code sbi4j run} on the embedded default example writes a self-contained report.html and diagnostics.json;
 * the page renders in headless Chromium with every picture, and a screenshot is kept for people to look at
 * ({@code distribution/target/report-screenshot.png}); {@code sbi4j diagnose} reaches every check and rejects
 * bad arguments clearly.
 */
class TestReport {
    static final Path SCREENSHOT = Path.of("target/report-screenshot.png").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theExampleReportHasEveryDiagnosticAndRendersInHeadlessChromium() throws Exception {
        Path out = dir.resolve("run");
        Cli r = Cli.run("run", "-q", "--config", TestEndToEnd.EXAMPLE.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("diagnostics: \\d+ problems? -> .*report.html");

        JsonNode json = Json.mapper().readTree(out.resolve("diagnostics.json").toFile());
        assertThat(json.at("/simulator").asText()).isEqualTo("two-moons");
        assertThat(json.at("/calibration/sbc/pValues")).hasSize(2);
        assertThat(json.at("/calibration/coverage/coverage")).hasSize(19);
        assertThat(json.at("/calibration/tarp/atc").isNumber()).isTrue();
        assertThat(json.at("/observations")).hasSize(3);
        // obs01 is compared with exact draws of the two-moons posterior, ref02 with the stored reference samples
        assertThat(json.at("/observations/0/referenceSource").asText()).isEqualTo("exact posterior");
        assertThat(json.at("/observations/1/referenceSource").asText()).isEqualTo("reference posterior samples");
        assertThat(json.at("/observations/1/c2st").asDouble()).isBetween(0.5, 1.0);
        assertThat(json.at("/observations/1/distances/mmd/mmd").asDouble()).isPositive();
        assertThat(json.at("/observations/1/truth")).hasSize(2);
        assertThat(json.at("/observations/2/predictive/pValue").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.at("/findings").size()).isGreaterThan(5);
        Set<String> figures = new HashSet<>();
        json.at("/figures").forEach(f -> figures.add(f.asText()));
        assertThat(figures).contains("sbc-ranks", "coverage", "tarp", "obs01-corner", "ref02-corner",
                "obs03-predictive");
        for (String f : figures) {
            assertThat(out.resolve("plots").resolve(f + ".png")).isNotEmptyFile();
            assertThat(out.resolve("plots").resolve(f + ".svg")).isNotEmptyFile();
        }

        Path page = out.resolve("report.html");
        String html = Files.readString(page);
        assertThat(html).contains("Verdict", "Simulation-based calibration", "Observation obs01",
                "Resolved configuration");
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "<link ");  // self-contained
        assertThat(count(html, "<img src=\"data:image/png;base64,")).isEqualTo(figures.size());

        HeadlessChromium.require();
        String dom = HeadlessChromium.dumpDom(page);
        assertThat(attribute(dom, "data-images")).isEqualTo(figures.size());
        assertThat(attribute(dom, "data-images-ok")).as("pictures that decoded and rendered").isEqualTo(figures.size());
        int height = attribute(dom, "data-height");
        assertThat(height).isGreaterThan(2000);

        Files.createDirectories(SCREENSHOT.getParent());
        HeadlessChromium.screenshot(page, SCREENSHOT, 1280, height);
        BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
        assertThat(shot.getWidth()).isEqualTo(1280);
        assertThat(shot.getHeight()).isEqualTo(height);
        assertThat(distinctColours(shot)).as("a rendered page, not a blank one").isGreaterThan(200);
    }

    @Test
    void diagnoseReachesEveryCheckOfASavedModel() throws IOException {
        Path run = dir.resolve("run");
        assertThat(Cli.run("run", "-q", "--config", TestEndToEnd.EXAMPLE.toString(), "--out", run.toString(),
                "--set", "simulation.budget=20000", "--set", "diagnostics.enabled=false").code()).isZero();
        assertThat(run.resolve("report.html")).doesNotExist();
        Path out = dir.resolve("diagnose");
        Path obs = TestEndToEnd.ROOT.resolve("data/sbibm/two_moons/obs03/observation.csv");
        Path reference = TestEndToEnd.ROOT.resolve("data/sbibm/two_moons/obs03/reference_posterior_samples.csv");
        Cli d = Cli.run("diagnose", "-q", "--model", run.resolve("model.zip").toString(), "--sbc", "60",
                "--coverage", "40", "--draws", "49", "--predictive", "50", "--observation", obs.toString(),
                "--reference-samples", reference.toString(), "--reference", "4", "--out", out.toString());
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(d.out()).contains("report: ", "diagnostics: ", "C2ST against the reference samples of "
                + "reference_posterior_samples.csv", "posterior predictive check");
        JsonNode json = Json.mapper().readTree(out.resolve("diagnostics.json").toFile());
        assertThat(json.at("/calibration/simulations").asInt()).isEqualTo(60);
        assertThat(json.at("/calibration/sbc/ranks")).hasSize(60);
        assertThat(json.at("/calibration/tarp/coverageFractions")).hasSize(40);
        assertThat(json.at("/observations/0/name").asText()).isEqualTo("obs01");
        assertThat(json.at("/observations/1/name").asText()).isEqualTo("ref04");
        assertThat(json.at("/observations/1/distances/wasserstein/method").asText()).isEqualTo("exact");
        assertThat(out.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    void withAKnownPosteriorDensityTheKlDivergenceComesFromBothDensities() throws IOException {
        Path config = Files.writeString(dir.resolve("gl.yaml"), "seed: 5\nsimulator: {type: gaussian-linear}\n"
                + "estimator: {type: npe, max-epochs: 20}\nsimulation: {budget: 2000}\n"
                + "diagnostics: {enabled: false}\n");
        Path run = dir.resolve("gl");
        assertThat(Cli.run("run", "-q", "--config", config.toString(), "--out", run.toString()).code()).isZero();
        Path out = dir.resolve("gl-diagnose");
        Cli d = Cli.run("diagnose", "-q", "--model", run.resolve("model.zip").toString(), "--sbc", "0",
                "--coverage", "0", "--predictive", "0", "--reference", "1", "--reference-points", "500",
                "--out", out.toString());
        assertThat(d.code()).as(d.err()).isZero();
        JsonNode obs = Json.mapper().readTree(out.resolve("diagnostics.json").toFile()).at("/observations/0");
        // KL(p ‖ q) ≥ 0 in expectation; a 2,000-simulation NPE in 10-d is visibly off, but not absurdly
        assertThat(obs.at("/exactKl/nats").asDouble()).isBetween(0.0, 5.0);
        assertThat(obs.at("/exactKl/draws").asInt()).isEqualTo(500);
        assertThat(obs.at("/exactKl/standardError").asDouble()).isPositive();
        assertThat(obs.at("/distances/kl/nats").isNumber()).isTrue();
        assertThat(obs.at("/distances/wasserstein/method").asText()).isEqualTo("sliced");
        assertThat(Files.readString(out.resolve("report.html"))).contains("from both densities");
    }

    @Test
    void diagnoseRejectsBadArgumentsWithClearMessages() throws IOException {
        Path run = dir.resolve("run");
        assertThat(Cli.run("run", "-q", "--config", TestEndToEnd.EXAMPLE.toString(), "--out", run.toString(),
                "--set", "simulation.budget=2000", "--set", "diagnostics.enabled=false").code()).isZero();
        String model = run.resolve("model.zip").toString();
        expectUsageError(Cli.run("diagnose", "--model", model, "--sbc", "1"), "--sbc = 1 must be 0 (skip) or at least 10");
        expectUsageError(Cli.run("diagnose", "--model", model, "--draws", "0"), "--draws = 0 must be at least 9");
        expectUsageError(Cli.run("diagnose", "--model", model, "--reference", "99"),
                "reference observation 99 does not exist");
        expectUsageError(Cli.run("diagnose", "--model", model, "--refine", "importance-sampling"),
                "needs a posterior that can evaluate its density");
        expectUsageError(Cli.run("diagnose", "--model", model, "--refine", "magic"), "use none or importance-sampling");
        expectUsageError(Cli.run("diagnose", "--model", model, "--reference-samples", model),
                "--reference-samples belongs to exactly one --observation");
        expectUsageError(Cli.run("diagnose", "--model", dir.resolve("missing.zip").toString()), "missing.zip");
        expectUsageError(Cli.run("diagnose", "--model", model, "--sbc", "many"), "--sbc");
    }

    private static void expectUsageError(Cli r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("\tat ");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static int attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
        assertThat(m.find()).as("attribute " + name + " set by the page's load script").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
