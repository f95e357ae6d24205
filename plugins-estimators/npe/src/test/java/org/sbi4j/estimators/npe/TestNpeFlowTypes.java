package org.sbi4j.estimators.npe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.LogNormalPrior;
import org.sbi4j.testing.InMemoryModel;

/** Every density family trains (short runs), samples, evaluates and round-trips; the x embedding works. */
class TestNpeFlowTypes {

    @ParameterizedTest
    @EnumSource(FlowType.class)
    void eachFamilyTrainsSamplesAndRoundTrips(FlowType flow) throws IOException {
        InferenceProblem problem = Problems.withSimulations(Problems.conjugateGaussian(), 2000, 31);
        NpeSettings settings = new NpeSettings();
        settings.flow = flow;
        settings.maxEpochs = 15;
        settings.learningRate = 2e-3;
        NpePosterior posterior = new NpeEstimator(settings).fit(problem, Problems.context());
        List<Double> losses = posterior.trainingSummary().validationLoss();
        assertThat(losses).hasSize(15);
        // the held-out loss falls from its initial value towards the entropy of the posterior, 1.23 nats
        assertThat(losses.get(14)).isLessThan(losses.get(0)).isLessThan(1.6);
        double[] x0 = {1.0, -0.5};
        double[][] samples = posterior.sample(x0, 2000, Problems.rng(2));
        double mean0 = 0;
        for (double[] s : samples) {
            mean0 += s[0] / samples.length;
        }
        // exact posterior mean 0.8; a short run, so a wide margin (posterior sd 0.45, standard error 0.01)
        assertThat(mean0).isBetween(0.5, 1.1);
        assertThat(java.util.Arrays.stream(posterior.logDensity(samples, x0)).allMatch(Double::isFinite)).isTrue();

        InMemoryModel model = new InMemoryModel();
        posterior.save(model);
        Posterior loaded = new NpeEstimatorFactory().load(settings, model, Problems.withoutSimulations(problem));
        assertThat(loaded.sample(x0, 500, Problems.rng(4))).isDeepEqualTo(posterior.sample(x0, 500, Problems.rng(4)));
    }

    @Test
    void longDataGetAnAutomaticEmbedding() {
        // 150 noisy copies of log θ for θ with a log-normal prior (a half-line: the log transform applies)
        Simulator copies = new RepeatedLog(150);
        InferenceProblem problem = Problems.withSimulations(copies, 1500, 3);
        NpeSettings settings = new NpeSettings();
        settings.maxEpochs = 10;
        settings.learningRate = 2e-3;
        assertThat(settings.modelSpec(150).embeddingDim).isEqualTo(NpeSettings.AUTO_EMBEDDING_DIM);
        NpePosterior posterior = new NpeEstimator(settings).fit(problem, Problems.context(5, 1, TrainingListener.NONE));
        double[] x0 = copies.simulate(new double[][] {{2.0}}, Problems.rng(8)).row(0);
        double[][] samples = posterior.sample(x0, 2000, Problems.rng(9));
        double logMean = 0;
        for (double[] s : samples) {
            assertThat(s[0]).isPositive();
            logMean += Math.log(s[0]) / samples.length;
        }
        // 150 copies with noise sd 1 pin log θ to ±0.08 around log 2 = 0.69; a short run gets within 0.3
        assertThat(logMean).isBetween(0.69 - 0.3, 0.69 + 0.3);
        settings.embeddingDim = 0;
        assertThat(settings.modelSpec(150).embeddingDim).isZero();
    }

    /** θ ~ LogNormal(0, 1), x_k = log θ + N(0, 1) for k = 1..m. */
    private static final class RepeatedLog implements Simulator {
        private final int m;
        private final Prior prior = new LogNormalPrior(new double[] {0}, new double[] {1}, List.of("scale"));

        RepeatedLog(int m) {
            this.m = m;
        }

        @Override
        public List<String> parameterNames() {
            return prior.parameterNames();
        }

        @Override
        public List<String> dataNames() {
            return java.util.stream.IntStream.range(0, m).mapToObj(k -> "x" + k).toList();
        }

        @Override
        public Optional<Prior> defaultPrior() {
            return Optional.of(prior);
        }

        @Override
        public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            double[][] x = new double[theta.length][m];
            for (int i = 0; i < theta.length; i++) {
                for (int k = 0; k < m; k++) {
                    x[i][k] = Math.log(theta[i][0]) + Gaussian.next(rng);
                }
            }
            return SimulationResult.of(x);
        }
    }
}
