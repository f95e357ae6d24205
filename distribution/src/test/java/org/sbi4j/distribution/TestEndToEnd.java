package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.testing.Cli;
import org.sbi4j.runtime.testing.PluginJars;

/**
 * The product's acceptance tests, run through the CLI exactly as {@code ./sbi4j} runs it, with every shipped
 * plugin on the class path.
 */
class TestEndToEnd {
    /** The repository root (tests run in the distribution module's folder). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path EXAMPLE = ROOT.resolve("examples/two-moons.yaml");
    static final Path OBS01 = ROOT.resolve("data/sbibm/two_moons/obs01/observation.csv");

    @TempDir
    Path dir;

    @Test
    void pluginsListsTheShippedComponentsWithTheirJars() {
        Cli r = Cli.run("plugins");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("simulator\\s+two-moons\\s+\\S+\\s+\\S*sbi4j-simulators-benchmarks\\S*");
        assertThat(r.out()).containsPattern("estimator\\s+rejection-abc\\s+\\S+\\s+\\S*sbi4j-estimators-rejection-abc\\S*");
        for (String simulator : List.of("two-moons", "gaussian-linear", "gaussian-linear-uniform", "gaussian-mixture",
                "slcp", "slcp-distractors", "bernoulli-glm", "sir", "lotka-volterra", "lotka-volterra-ode",
                "lotka-volterra-mjp", "lensing", "ring-of-modes", "sign-symmetric", "cube-corners")) {
            assertThat(r.out()).containsPattern("simulator\\s+" + simulator + "\\s");
        }
    }

    @Test
    void theExampleRunsAndSampleReproducesItsSamples() throws IOException {
        Path out = dir.resolve("run");
        Cli r = Cli.run("run", "-q", "--config", EXAMPLE.toString(), "--out", out.toString(),
                "--set", "diagnostics.enabled=false");  // TestReport checks the diagnostics of this run
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("simulations: 100000 requested, 100000 valid, 0 dropped");
        assertThat(out.resolve("model.zip")).isRegularFile();
        Csv.Table samples = Csv.read(out.resolve("obs01/samples.csv"));
        assertThat(samples.header()).containsExactly("parameter_1", "parameter_2");
        assertThat(samples.rows()).hasNumberOfRows(10_000);
        assertThat(out.resolve("ref02/samples.csv")).isRegularFile();
        assertThat(out.resolve("obs03/samples.csv")).isRegularFile();
        assertClose(samples.rows(), Csv.read(ROOT.resolve("data/sbibm/two_moons/obs01/reference_posterior_samples.csv")).rows());

        // sampling the saved model with the run's seed reproduces the run's samples byte for byte
        Path again = dir.resolve("again.csv");
        Cli s = Cli.run("sample", "--model", out.resolve("model.zip").toString(), "--observation", OBS01.toString(),
                "--samples", "10000", "--seed", "42", "--out", again.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out.resolve("obs01/samples.csv")));

        // and answers a new observation
        Path obs05 = ROOT.resolve("data/sbibm/two_moons/obs05/observation.csv");
        Path fresh = dir.resolve("obs05.csv");
        assertThat(Cli.run("sample", "-m", out.resolve("model.zip").toString(), "--observation", obs05.toString(),
                "-n", "2000", "--out", fresh.toString()).code()).isZero();
        assertClose(Csv.read(fresh).rows(),
                Csv.read(ROOT.resolve("data/sbibm/two_moons/obs05/reference_posterior_samples.csv")).rows());
    }

    @Test
    void sameSeedGivesByteIdenticalSamplesWithOneAndTwoThreads() throws IOException {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        String[] common = {"run", "-q", "--config", EXAMPLE.toString(), "--set", "simulation.budget=20000",
            "--set", "diagnostics.sbc=50", "--set", "diagnostics.coverage=50", "--set", "diagnostics.draws=49",
            "--set", "diagnostics.predictive=50", "--set", "diagnostics.reference-points=1000",
            "--set", "diagnostics.plots=false"};
        assertThat(Cli.run(concat(common, "--threads", "1", "--out", one.toString())).code()).isZero();
        assertThat(Cli.run(concat(common, "--threads", "2", "--out", two.toString())).code()).isZero();
        for (String obs : List.of("obs01", "ref02", "obs03")) {
            assertThat(Files.readAllBytes(two.resolve(obs).resolve("samples.csv")))
                    .as(obs).isEqualTo(Files.readAllBytes(one.resolve(obs).resolve("samples.csv")));
        }
        // the diagnostics too: calibration, C2ST, distances and predictive checks do not depend on threads
        com.fasterxml.jackson.databind.JsonNode a = org.sbi4j.runtime.Json.mapper()
                .readTree(one.resolve("diagnostics.json").toFile());
        com.fasterxml.jackson.databind.JsonNode b = org.sbi4j.runtime.Json.mapper()
                .readTree(two.resolve("diagnostics.json").toFile());
        assertThat(b.get("calibration")).isEqualTo(a.get("calibration"));
        assertThat(b.get("observations")).isEqualTo(a.get("observations"));
        assertThat(b.get("findings")).isEqualTo(a.get("findings"));
    }

    @Test
    void aThirdPartyPluginJarDroppedIntoThePluginDirectoryIsFoundAndUsed() throws IOException {
        Path sources = ROOT.resolve("examples/third-party-simulator/src/main/java");
        List<Path> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        String pluginClass = Files.readString(ROOT.resolve(
                "examples/third-party-simulator/src/main/resources/META-INF/services/org.sbi4j.spi.Plugin")).strip();
        // built against the API jar alone
        PluginJars.build(files, pluginClass, dir.resolve("plugins/decay/decay.jar"));

        Cli listed = Cli.run("--plugin-dir", dir.resolve("plugins").toString(), "plugins");
        assertThat(listed.out()).containsPattern("simulator\\s+exponential-decay\\s+\\S+\\s+decay\\.jar");

        Path config = Files.writeString(dir.resolve("decay.yaml"), "seed: 1\n"
                + "simulator: {type: exponential-decay}\nestimator: {type: rejection-abc}\n"
                + "simulation: {budget: 20000}\nsamples: 500\n"
                + "observations: [{values: [1.0, 0.78, 0.61, 0.47, 0.37, 0.29, 0.22, 0.17, 0.14, 0.11]}]\n");
        Path out = dir.resolve("decay-run");
        Cli r = Cli.run("--plugin-dir", dir.resolve("plugins").toString(), "run", "-q", "-c", config.toString(),
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Csv.Table samples = Csv.read(out.resolve("obs01/samples.csv"));
        assertThat(samples.rows()).hasNumberOfRows(500);
        // the observation is A·exp(−k·t) with A = 1, k = 0.5: the posterior must sit near it
        double meanA = 0;
        double meanK = 0;
        for (double[] row : samples.rows()) {
            meanA += row[0] / samples.rows().length;
            meanK += row[1] / samples.rows().length;
        }
        assertThat(meanA).isBetween(0.9, 1.1);
        assertThat(meanK).isBetween(0.4, 0.6);
    }

    @Test
    void benchmarkScoresAgainstTheReferenceAndWritesTheLayout() throws IOException {
        Path out = dir.resolve("bench");
        Cli r = Cli.run("benchmark", "-q", "--task", "two_moons", "--estimator", "rejection-abc", "--simulations", "1000",
                "--observations", "1-2", "--samples", "2000", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path cell = out.resolve("two-moons/rejection-abc/1000");
        assertThat(Csv.read(cell.resolve("obs01/samples.csv")).rows()).hasNumberOfRows(2000);
        List<String> summary = Files.readAllLines(cell.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo("task,estimator,simulations,observation,c2st,published_c2st,"
                + "training_seconds,epochs,sampling_seconds,sample_efficiency,log_evidence,log_evidence_se,sampler,r_hat,"
                + "effective_sample_size");
        assertThat(summary).hasSize(3);
        for (String line : summary.subList(1, 3)) {
            String[] cells = line.split(",");
            // rejection ABC keeps 100 of 1000 simulations: a coarse posterior, clearly separable but not disjoint
            assertThat(Double.parseDouble(cells[4])).isBetween(0.6, 1.0);
            // sbibm's REJ-ABC at 10³ simulations is published for both observations
            assertThat(Double.parseDouble(cells[5])).isBetween(0.5, 1.0);
        }
        assertThat(r.out()).contains("two-moons").contains("rejection-abc");
        // each observation is reported on stderr as soon as it is scored, with the value summary.csv holds
        assertThat(r.err()).contains("observation 1: C2ST " + String.format("%.4f",
                Double.parseDouble(summary.get(1).split(",")[4]))).contains("observation 2: C2ST");
    }

    @Test
    void theExactLikelihoodPosteriorIsDrawnByTheDefaultSamplerAndIgnoresTheBudget() throws IOException {
        Path out = dir.resolve("bench");
        Cli r = Cli.run("benchmark", "-q", "--task", "two_moons", "--estimator", "likelihood", "--simulations", "1000",
                "--observations", "1", "--samples", "3000", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("uses no simulations", "sampler slice");
        String[] cells = Files.readAllLines(out.resolve("two-moons/likelihood/1000/summary.csv")).get(1).split(",");
        // exact up to the sampler: indistinguishable from the reference up to the C2ST's noise at 3,000 samples
        assertThat(Double.parseDouble(cells[4])).isLessThanOrEqualTo(0.56);
        assertThat(cells[12]).isEqualTo("slice");
    }

    @Test
    void aGradientSamplerOnALikelihoodWithoutGradientExitsTwoNamingTheFix() {
        Cli r = Cli.run("benchmark", "-q", "--task", "two_moons", "--estimator", "likelihood", "--simulations", "1000",
                "--observations", "1", "--sampler", "nuts", "--out", dir.resolve("bench").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("needs the gradient", "metropolis-hastings or slice").doesNotContain("Exception");
    }

    @Test
    void aSamplerOnADirectPosteriorWithoutALikelihoodIsRefusedBeforeAnySimulation() throws IOException {
        // npe draws directly, so a sampler could only refine it with a likelihood, which the Markov-jump process lacks
        Path config = dir.resolve("npe-mjp.yaml");
        Files.writeString(config, "simulator: {type: lotka-volterra-mjp}\nestimator: {type: npe}\n"
                + "sampler: {type: slice}\nsimulation: {budget: 1000000}\n");
        Path out = dir.resolve("run");
        long start = System.nanoTime();
        Cli r = Cli.run("run", "-q", "--config", config.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("sampler 'slice'", "simulator 'lotka-volterra-mjp' has none", "remove the sampler",
                "(nre)").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        // 10⁶ Markov-jump simulations would take minutes: refused before any
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
        assertThat(out).doesNotExist();
    }

    @Test
    void aChainWithNowhereToStartExitsTwoNamingTheFix() throws IOException {
        // two moons puts x₁ above −1.2 for every θ of the prior: at x₁ = −5 the likelihood is zero everywhere
        Path config = dir.resolve("impossible.yaml");
        Files.writeString(config, "simulator: {type: two-moons}\nestimator: {type: likelihood}\n"
                + "sampler: {type: metropolis-hastings}\nobservations: [{values: [-5, 0]}]\n"
                + "diagnostics: {enabled: false}\n");
        Cli r = Cli.run("run", "-q", "--config", config.toString(), "--out", dir.resolve("run").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("positive target density", "nowhere to start", "check the observation")
                .doesNotContain("Exception");
        assertThat(r.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
    }

    @Test
    void importanceSamplingRefinementMakesA1000SimulationNpeAccurateOnTwoMoons() throws IOException {
        Path out = dir.resolve("bench");
        Cli r = Cli.run("benchmark", "-q", "--task", "two_moons", "--estimator", "npe", "--simulations", "1000",
                "--observations", "1", "--samples", "3000", "--refine", "importance-sampling", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("npe+importance-sampling", "sample efficiency / log evidence");
        String[] cells = Files.readAllLines(out.resolve("two-moons/npe+importance-sampling/1000/summary.csv"))
                .get(1).split(",");
        // NPE alone scores about 0.73 at 10³ simulations (sbibm: 0.725); reweighted by the exact likelihood it is
        // indistinguishable from the reference up to the C2ST's noise at 3,000 samples (about ±0.015)
        assertThat(Double.parseDouble(cells[4])).isLessThanOrEqualTo(0.55);
        assertThat(Double.parseDouble(cells[9])).as("sample efficiency").isBetween(0.01, 1.0);
        // the evidence against quadrature: p(x₀) = ∫ π(θ) p(x₀ | θ) dθ on a 2000 × 2000 grid over the prior box
        double logEvidence = Double.parseDouble(cells[10]);
        double standardError = Double.parseDouble(cells[11]);
        assertThat(Math.abs(logEvidence - twoMoonsLogEvidenceByQuadrature(1))).isLessThan(4 * standardError + 0.005);
    }

    private static double twoMoonsLogEvidenceByQuadrature(int observation) {
        org.sbi4j.runtime.Sbi4j sbi = org.sbi4j.runtime.Sbi4j.builder().homeDirectory(ROOT).build();
        org.sbi4j.runtime.ResolvedRun run = sbi.resolve(sbi.config(org.sbi4j.runtime.config.ConfigFiles.parse(
                "simulator: {type: two-moons}\nestimator: {type: rejection-abc}\n", "test")));
        org.sbi4j.api.Likelihood likelihood = (org.sbi4j.api.Likelihood) run.simulator();
        double[] x0 = run.simulator().referenceData().orElseThrow().observation(observation);
        int n = 2000;
        double h = 2.0 / n;
        double sum = 0;
        double[][] row = new double[n][2];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                row[b][0] = -1 + (a + 0.5) * h;
                row[b][1] = -1 + (b + 0.5) * h;
            }
            for (double logL : likelihood.logLikelihoods(row, x0)) {
                sum += Math.exp(logL) * 0.25 * h * h;  // prior density 1/4 on [-1, 1]²
            }
        }
        return Math.log(sum);
    }

    @Test
    void badInputNamesTheKnownComponents() throws IOException {
        Cli r = Cli.run("run", "-c", EXAMPLE.toString(), "--set", "estimator.type=nope");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown estimator 'nope'").contains("rejection-abc");
        Cli s = Cli.run("run", "-c", EXAMPLE.toString(), "--set", "simulator.type=two-moon");
        assertThat(s.err()).contains("Did you mean 'two-moons'?");
    }

    /**
     * Rejection ABC with 100 of 10⁵ simulations is a coarse posterior (sbibm reports C2ST ≈ 0.9 for it), so
     * this compares location and spread only, with margins of a fifth of the prior width.
     */
    private static void assertClose(double[][] samples, double[][] reference) {
        for (int j = 0; j < 2; j++) {
            assertThat(mean(samples, j)).isCloseTo(mean(reference, j), org.assertj.core.data.Offset.offset(0.2));
            assertThat(sd(samples, j)).isCloseTo(sd(reference, j), org.assertj.core.data.Offset.offset(0.2));
        }
    }

    private static double mean(double[][] rows, int j) {
        double m = 0;
        for (double[] r : rows) {
            m += r[j];
        }
        return m / rows.length;
    }

    private static double sd(double[][] rows, int j) {
        double m = mean(rows, j);
        double s = 0;
        for (double[] r : rows) {
            s += (r[j] - m) * (r[j] - m);
        }
        return Math.sqrt(s / (rows.length - 1));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
