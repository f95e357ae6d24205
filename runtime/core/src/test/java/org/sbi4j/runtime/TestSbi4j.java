package org.sbi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.RefineSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.ObservationInput;

class TestSbi4j {
    @TempDir
    Path dir;

    private final Sbi4j sbi = Sbi4j.builder().build();

    private RunConfig config(String yaml) {
        return sbi.config(ConfigFiles.parse(yaml, "test"));
    }

    private static final String BASE = "seed: 3\nsimulator: {type: linear-gaussian, noise: 0.5}\n"
            + "estimator: {type: linear-regression}\nsimulation: {budget: 4000, batch-size: 250}\n";

    @Test
    void trainsAPosteriorThatMatchesTheConjugateAnswer() {
        TrainedModel model = sbi.train(config(BASE));
        // θ ~ N(0,1), x = θ + 0.5ε: posterior N(0.8 x, 0.2) per component
        double[][] samples = model.sample(new double[] {1.0, -0.5}, 20_000, 1);
        double mean0 = 0;
        double mean1 = 0;
        for (double[] s : samples) {
            mean0 += s[0] / samples.length;
            mean1 += s[1] / samples.length;
        }
        // regression coefficients from 4000 pairs: sd ≈ 0.007; sampling error 0.45/sqrt(2e4) = 0.003
        assertThat(mean0).isCloseTo(0.8, within(0.04));
        assertThat(mean1).isCloseTo(-0.4, within(0.04));
        assertThat(model.parameterNames()).containsExactly("mu_1", "mu_2");
        assertThat(model.manifest().simulations().valid()).isEqualTo(4000);
        assertThat(model.manifest().estimator().name()).isEqualTo("linear-regression");
    }

    @Test
    void savedModelReloadsAndSamplesIdentically() {
        TrainedModel model = sbi.train(config(BASE));
        Path file = dir.resolve("model.zip");
        model.save(file);
        TrainedModel loaded = sbi.load(file);
        double[] x = {0.3, 0.2};
        assertThat(loaded.sample(x, 100, 5)).isDeepEqualTo(model.sample(x, 100, 5));
        assertThat(loaded.manifest().config().at("/simulator/noise").asDouble()).isEqualTo(0.5);
        assertThat(loaded.manifest().config().at("/simulation/batch-size").asInt()).isEqualTo(250);
        assertThat(loaded.manifest().seed()).isEqualTo(3);
    }

    @Test
    void sameSeedSameModelForOneAndManyThreads() {
        double[] x = {0.1, 0.9};
        double[][] one = Sbi4j.builder().threads(1).build().train(config(BASE)).sample(x, 50, 2);
        double[][] four = Sbi4j.builder().threads(4).build().train(config(BASE)).sample(x, 50, 2);
        assertThat(four).isDeepEqualTo(one);
    }

    @Test
    void resolvedConfigFillsEveryDefault() {
        ObjectNode resolved = sbi.resolve(config(BASE)).resolvedConfig();
        assertThat(resolved.at("/simulator/dimension").asInt()).isEqualTo(2);
        assertThat(resolved.at("/simulator/nan-fraction").asDouble()).isEqualTo(0.0);
        assertThat(resolved.at("/estimator/ridge").isNumber()).isTrue();
        assertThat(resolved.at("/prior/type").asText()).isEqualTo("default");
        assertThat(resolved.at("/simulation/invalid").asText()).isEqualTo("drop");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> sbi.resolve(config("simulator: {type: linear-gausian}\nestimator: {type: linear-regression}")))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("unknown simulator 'linear-gausian'")
                .hasMessageContaining("Did you mean 'linear-gaussian'?")
                .hasMessageContaining("Known simulators: linear-gaussian");
        assertThatThrownBy(() -> sbi.resolve(config("simulator: {type: linear-gaussian}\nestimator: {type: npe}")))
                .hasMessageContaining("unknown estimator 'npe'").hasMessageContaining("linear-regression");
    }

    @Test
    void unknownPluginSettingListsValidSettings() {
        assertThatThrownBy(() -> sbi.resolve(config("simulator: {type: linear-gaussian, noice: 1}\n"
                + "estimator: {type: linear-regression}")))
                .hasMessageContaining("simulator 'linear-gaussian': unknown key 'noice'")
                .hasMessageContaining("Did you mean 'noise'?")
                .hasMessageContaining("nan-fraction (number, default 0.0)");
    }

    @Test
    void missingCapabilityIsNamedBeforeAnyWork() {
        TrainedModel unused = null;
        assertThat(unused).isNull();
        // linear-gaussian has a likelihood, so ask for gradients through a prior mismatch instead:
        assertThatThrownBy(() -> sbi.resolve(config("simulator: {type: linear-gaussian}\n"
                + "prior: {type: box-uniform, low: [0], high: [1]}\nestimator: {type: linear-regression}")))
                .hasMessageContaining("the prior has 1 parameters but simulator 'linear-gaussian' takes 2");
    }

    @Test
    void configuredPriorTakesTheSimulatorsNames() {
        ResolvedRun run = sbi.resolve(config("simulator: {type: linear-gaussian}\n"
                + "prior: {type: box-uniform, low: [0, 0], high: [1, 2]}\nestimator: {type: linear-regression}"));
        assertThat(run.prior().parameterNames()).containsExactly("mu_1", "mu_2");
        assertThat(run.prior().upperBounds()).containsExactly(1, 2);
        assertThat(run.resolvedConfig().at("/prior/high/1").asDouble()).isEqualTo(2);
    }

    @Test
    void observationsAreCheckedBeforeSimulating() throws IOException {
        Path wide = Files.writeString(dir.resolve("wide.csv"), "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> sbi.resolve(config(BASE + "observations: [{file: " + wide + "}]")))
                .hasMessageContaining("wide.csv has 3 values but the simulator produces 2 (x_1, x_2)");
        assertThatThrownBy(() -> sbi.resolve(config(BASE + "observations: [{file: " + dir.resolve("nope.csv") + "}]")))
                .hasMessageContaining("nope.csv does not exist");
        assertThatThrownBy(() -> sbi.resolve(config(BASE + "observations: [{reference: 1}]")))
                .hasMessageContaining("has no reference data");
        assertThatThrownBy(() -> sbi.resolve(config(BASE + "observations: [{values: [1], file: x.csv}]")))
                .hasMessageContaining("exactly one of file, values or reference");
    }

    @Test
    void runWritesModelSamplesAndSummary() throws IOException {
        RunReport report = sbi.run(config(BASE + "samples: 7\nobservations: [{values: [0.5, 0.5]}, {values: [1, 2], name: mine}]"),
                dir.resolve("out"));
        assertThat(report.model()).exists();
        assertThat(report.samples()).hasSize(2);
        List<String> lines = Files.readAllLines(dir.resolve("out/obs01/samples.csv"));
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("mu_1,mu_2");
        assertThat(dir.resolve("out/mine/samples.csv")).exists();
        assertThat(Files.readString(dir.resolve("out/summary.json"))).contains("\"valid\" : 4000");
        // the run samples each observation with the run's seed, exactly as 'sample --seed <seed>' does
        TrainedModel loaded = sbi.load(report.model());
        double[][] again = loaded.sample(new double[] {0.5, 0.5}, 7, 3);
        assertThat(lines.get(1)).isEqualTo(again[0][0] + "," + again[0][1]);
    }

    @Test
    void nanSimulationsAreDroppedAndCounted() {
        TrainedModel model = sbi.train(config(BASE.replace("noise: 0.5", "nan-fraction: 0.2")));
        // 20% of 4000 fail: 800 ± 25
        assertThat(model.manifest().simulations().invalid()).isBetween(700L, 900L);
        assertThat(model.manifest().simulations().valid() + model.manifest().simulations().invalid()).isEqualTo(4000);
    }

    @Test
    void loadingRefusesAModelWhosePluginIsMissing() throws IOException {
        Path file = dir.resolve("m.zip");
        sbi.train(config(BASE)).save(file);
        Path edited = ModelFiles.rewriteManifest(file, dir.resolve("edited.zip"),
                m -> m.replace("\"linear-regression\"", "\"ghost-estimator\""));
        assertThatThrownBy(() -> sbi.load(edited)).isInstanceOf(SbiException.class)
                .hasMessageContaining("needs estimator 'ghost-estimator'")
                .hasMessageContaining("which is not installed");
    }

    private Path savedModel() {
        Path file = dir.resolve("m.zip");
        sbi.train(config(BASE)).save(file);
        return file;
    }

    @Test
    void loadingRefusesAManifestWhoseComponentNamesDisagreeWithItsConfig() throws IOException {
        Path file = savedModel();
        byte[] before = Files.readAllBytes(file);
        Path estimator = ModelFiles.rewriteManifest(file, dir.resolve("estimator.zip"),
                m -> m.replaceFirst("\"name\" : \"linear-regression\"", "\"name\" : \"npe\""));
        assertThatThrownBy(() -> sbi.load(estimator)).isInstanceOf(SbiException.class)
                .hasMessageContaining("estimator.zip is inconsistent: its manifest.json names estimator 'npe' but "
                        + "the config stored with it has estimator type 'linear-regression'")
                .hasMessageContaining("modified or corrupted").hasMessageContaining("re-create it with 'sbi4j train'");
        Path simulator = ModelFiles.rewriteManifest(file, dir.resolve("simulator.zip"),
                m -> m.replaceFirst("\"name\" : \"linear-gaussian\"", "\"name\" : \"two-moons\""));
        assertThatThrownBy(() -> sbi.load(simulator))
                .hasMessageContaining("names simulator 'two-moons' but the config stored with it has simulator type "
                        + "'linear-gaussian'");
        Path prior = ModelFiles.rewriteManifest(file, dir.resolve("prior.zip"),
                m -> m.replaceFirst("\"name\" : \"default\"", "\"name\" : \"box-uniform\""));
        assertThatThrownBy(() -> sbi.load(prior))
                .hasMessageContaining("names prior 'box-uniform' but the config stored with it has prior type 'default'");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void loadingRefusesAModelSavedByAnotherPluginClass() throws IOException {
        Path file = savedModel();
        String pluginClass = sbi.plugins().estimator("linear-regression").component().plugin().name();
        Path edited = ModelFiles.rewriteManifest(file, dir.resolve("plugin.zip"),
                m -> m.replaceFirst("\"plugin\" : \"" + pluginClass.replace(".", "\\.") + "\"",
                        "\"plugin\" : \"com.acme.OtherPlugin\""));
        assertThatThrownBy(() -> sbi.load(edited)).isInstanceOf(SbiException.class)
                .hasMessageContaining("was saved by estimator 'linear-regression' of plugin com.acme.OtherPlugin, "
                        + "but the installed 'linear-regression' comes from plugin " + pluginClass)
                .hasMessageContaining("re-train the model with 'sbi4j train'");
    }

    @Test
    void aModelWithNanArraysIsReportedUnusableNamingTheArray() throws IOException {
        Path nan = ModelFiles.savedWithFilledArray(savedModel(), dir.resolve("nan.zip"), "slope", Double.NaN);
        assertThatThrownBy(() -> sbi.load(nan).sample(new double[] {1.0, -0.5}, 10, 1))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("nan.zip is unusable: its array 'slope' holds 2 NaN values (of 2)")
                .hasMessageContaining("Re-train the model");
    }

    @Test
    void aModelWrittenBeforeChecksumsLoadsAndSamplesAsBefore() throws IOException {
        Path file = savedModel();
        Path old = ModelFiles.withoutChecksums(file, dir.resolve("old.zip"));
        TrainedModel loaded = sbi.load(old);
        assertThat(loaded.manifest().sha256()).isNull();
        assertThat(loaded.sample(new double[] {1.0, -0.5}, 10, 1))
                .isDeepEqualTo(sbi.load(file).sample(new double[] {1.0, -0.5}, 10, 1));
    }

    @Test
    void loadingRefusesAnIncompatiblePluginVersion() throws IOException {
        Path file = dir.resolve("m.zip");
        sbi.train(config(BASE)).save(file);
        Path edited = ModelFiles.rewriteManifest(file, dir.resolve("old.zip"),
                m -> m.replaceFirst("\"pluginVersion\" : \"[^\"]*\"", "\"pluginVersion\" : \"7.0.0\""));
        String installed = sbi.plugins().estimator("linear-regression").component().plugin().version();
        if (installed.equals("unversioned")) {
            // a development build accepts any version (with a warning); the rule itself is tested in TestVersions
            assertThat(sbi.load(edited)).isNotNull();
        } else {
            assertThatThrownBy(() -> sbi.load(edited)).hasMessageContaining("incompatible");
        }
    }

    @Test
    void refineReweighsWithTheLikelihoodAndReportsTheWeights() throws IOException {
        TrainedModel model = sbi.train(config(BASE + "refine: importance-sampling\n"));
        assertThat(model.refinement()).isEqualTo("importance-sampling");
        TrainedModel.Draws draws = model.draw(new double[] {1.0, -0.5}, 5000, 1);
        // the regression posterior is the conjugate one up to estimation error, so almost every draw counts
        assertThat(draws.weights().sampleEfficiency()).isGreaterThan(0.95);
        assertThat(draws.weights().effectiveSampleSize()).isGreaterThanOrEqualTo(5000);
        // evidence: x ~ N(0, 1.25 I)
        double exact = 2 * -0.5 * Math.log(2 * Math.PI * 1.25) - (1.0 + 0.25) / (2 * 1.25);
        assertThat(draws.weights().logEvidence()).isCloseTo(exact,
                within(4 * draws.weights().logEvidenceStandardError() + 1e-3));
        double mean0 = 0;
        for (double[] row : draws.samples()) {
            mean0 += row[0] / draws.samples().length;
        }
        assertThat(mean0).isCloseTo(0.8, within(0.03));
        // the refinement is config, not model data: a saved and reloaded model refines again
        Path file = dir.resolve("refined.zip");
        model.save(file);
        assertThat(sbi.load(file).refinement()).isEqualTo("importance-sampling");
        assertThat(sbi.refine(sbi.load(file), RefineSpec.named("none")).refinement()).isEqualTo("none");
    }
}
