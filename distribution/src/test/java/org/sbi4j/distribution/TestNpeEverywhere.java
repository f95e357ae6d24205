package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sbi4j.runtime.ObservationInput;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.report.Diagnostics;
import org.sbi4j.runtime.report.DiagnosticsReport;

/**
 * {@code estimator: {type: npe}} and {@code {type: fmpe}} run on every shipped simulator, and switching the flow
 * is a config change only. Budgets and epochs are tiny: this checks the wiring (shapes, bounds, embeddings, persistence), not
 * accuracy, which the benchmark command measures.
 */
class TestNpeEverywhere {
    private static final Sbi4j SBI = Sbi4j.builder().homeDirectory(TestEndToEnd.ROOT).build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"two-moons", "gaussian-linear", "gaussian-linear-uniform", "gaussian-mixture", "slcp",
            "slcp-distractors", "bernoulli-glm", "sir", "lotka-volterra", "lotka-volterra-ode", "lotka-volterra-mjp",
            "lensing", "ring-of-modes", "sign-symmetric", "cube-corners"})
    void npeTrainsSamplesAndReloadsOnEverySimulator(String simulator) throws IOException {
        trainsSamplesReloadsAndDiagnoses(simulator, "{type: npe, max-epochs: 2, transforms: 2, hidden-features: 16, "
                + "batch-size: 64}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"two-moons", "gaussian-linear", "gaussian-linear-uniform", "gaussian-mixture", "slcp",
            "slcp-distractors", "bernoulli-glm", "sir", "lotka-volterra", "lotka-volterra-ode", "lotka-volterra-mjp",
            "lensing", "ring-of-modes", "sign-symmetric", "cube-corners"})
    void fmpeTrainsSamplesAndReloadsOnEverySimulator(String simulator) throws IOException {
        trainsSamplesReloadsAndDiagnoses(simulator, "{type: fmpe, max-epochs: 2, hidden-features: 16, blocks: 1, "
                + "embedding-dim: 8, batch-size: 64, rtol: 1e-3, atol: 1e-3}");
    }

    private void trainsSamplesReloadsAndDiagnoses(String simulator, String estimator) throws IOException {
        int budget = simulator.equals("lensing") ? 128 : 400; // the minimum at batch-size 64: 71
        RunConfig config = SBI.config(ConfigFiles.parse("seed: 3\nsimulator: {type: " + simulator + "}\n"
                + "estimator: " + estimator + "\n"
                + "simulation: {budget: " + budget + ", batch-size: 64}\n", "test"));
        TrainedModel model = SBI.train(config);
        double[] x0 = SBI.resolve(config).simulator()
                .simulate(model.prior().sample(1, org.apache.commons.rng.simple.RandomSource.SPLIT_MIX_64.create(1)),
                        org.apache.commons.rng.simple.RandomSource.SPLIT_MIX_64.create(2)).row(0);
        double[][] samples = model.sample(x0, 50, 7);
        assertThat(samples).hasNumberOfRows(50);
        for (double[] theta : samples) {
            assertThat(model.prior().logDensity(theta)).as("sample inside the prior support").isFinite();
        }
        Path file = dir.resolve(simulator + ".zip");
        model.save(file);
        assertThat(SBI.load(file).sample(x0, 50, 7)).isDeepEqualTo(samples);

        // every diagnostic runs on every simulator (tiny sizes: this checks shapes and wiring)
        DiagnosticsSpec small = new DiagnosticsSpec();
        small.sbc = 20;
        small.coverage = 20;
        small.draws = 19;
        small.predictive = 20;
        small.referencePoints = 200;
        Path out = dir.resolve(simulator);
        DiagnosticsReport report = new Diagnostics().diagnose(model, List.of(ObservationInput.of("x0", x0)), small, 1, 2, out);
        assertThat(report.calibration().sbc().pValues()).hasSize(model.parameterNames().size());
        assertThat(report.observations().get(0).predictive().simulations()).isEqualTo(20);
        assertThat(report.observations().get(0).posterior()).hasSize(model.parameterNames().size());
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("plots/x0-corner.png")).isNotEmptyFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nsf", "maf", "mdn"})
    void switchingTheFlowIsAConfigChange(String flow) throws IOException {
        Path config = Files.writeString(dir.resolve("c.yaml"), "seed: 1\nsimulator: {type: two-moons}\n"
                + "estimator: {type: npe, flow: " + flow + ", max-epochs: 3}\nsimulation: {budget: 500}\n"
                + "samples: 100\nobservations: [{values: [0.1, 0.2]}]\n");
        TrainedModel model = SBI.train(SBI.config(config, List.of()));
        assertThat(model.manifest().config().at("/estimator/flow").asText()).isEqualTo(flow);
        assertThat(model.sample(new double[] {0.1, 0.2}, 100, 1)).hasNumberOfRows(100);
    }
}
