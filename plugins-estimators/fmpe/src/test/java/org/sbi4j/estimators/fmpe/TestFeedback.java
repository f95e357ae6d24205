package org.sbi4j.estimators.fmpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.nn.ConditionalVectorField;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.Mat;
import org.sbi4j.nn.ModelCoordinates;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.TruncatedPosterior;
import org.sbi4j.simulators.benchmarks.LotkaVolterraBenchmarkSimulator;
import org.sbi4j.simulators.benchmarks.TwoMoonsSimulator;
import org.sbi4j.testing.InMemoryModel;
import org.sbi4j.testing.SeededRandom;

/**
 * fmpe with simulator feedback: refusal of the gradient control without gradients, the chain rule of the gradient
 * signal, reproducibility (seed, threads, save/load), and the absence of a density.
 */
class TestFeedback {
    private static final double[] MOONS_X0 = {-0.2, 0.1};

    private static InferenceProblem lotka;
    private static FmpeSettings gradient;
    private static TruncatedPosterior gradientPosterior;
    private static double[] lotkaX0;

    @BeforeAll
    static void fit() {
        lotka = Fits.simulate(new LotkaVolterraBenchmarkSimulator(), 600, 4);
        lotkaX0 = lotka.simulations().orElseThrow().data()[0];
        gradient = Fits.small();
        gradient.maxEpochs = 3;
        gradient.feedback.control = FeedbackSettings.Control.GRADIENT;
        gradient.feedback.cost = FeedbackSettings.Cost.L2;
        gradient.feedback.budget = 200;
        gradient.feedback.batchSize = 50;
        gradient.feedback.width = 16;
        gradientPosterior = Fits.fitAny(lotka, gradient, 3, 1);
    }

    @Test
    void defaultIsPlainFmpe() {
        FmpeSettings plain = new FmpeSettings();
        assertThat(plain.feedback.control).isEqualTo(FeedbackSettings.Control.NONE);
        assertThat(Fits.fit(Fits.simulate(new TwoMoonsSimulator(), 400, 2), small(2), 2, 1))
                .isInstanceOf(FmpePosterior.class);
    }

    private static FmpeSettings small(int epochs) {
        FmpeSettings s = Fits.small();
        s.maxEpochs = epochs;
        return s;
    }

    @Test
    void gradientControlIsRefusedWithoutGradientsNamingLearned() {
        FmpeSettings s = new FmpeSettings();
        s.feedback.control = FeedbackSettings.Control.GRADIENT;
        FmpeEstimator estimator = new FmpeEstimator(s);
        assertThatThrownBy(() -> estimator.checkSimulator(new TwoMoonsSimulator()))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("not differentiable").hasMessageContaining("feedback.control: learned");
        s.feedback.control = FeedbackSettings.Control.LEARNED;
        estimator.checkSimulator(new TwoMoonsSimulator());
        s.feedback.budget = 10;
        assertThatThrownBy(s::validate).isInstanceOf(SbiException.class).hasMessageContaining("feedback.budget");
    }

    @Test
    void gradientSignalIsTheCostGradientInModelCoordinates() {
        LotkaVolterraBenchmarkSimulator simulator = new LotkaVolterraBenchmarkSimulator();
        double[][] theta = lotka.simulations().orElseThrow().theta();
        double[][] data = lotka.simulations().orElseThrow().data();
        DataTransform transform = DataTransform.forTraining(data, 20, DataTransform.Mode.AUTO, "fmpe",
                org.sbi4j.api.TrainingListener.NONE);
        ConditionalVectorField field = ConditionalVectorField.create(gradient.fieldSpec(data[0].length),
                org.sbi4j.nn.SupportTruncation.bijectionFor(lotka.prior(), true, false), theta,
                transform.apply(data), true, Precision.FLOAT64, SeededRandom.of(1));
        ModelCoordinates coordinates = field.coordinates();
        FeedbackSettings settings = new FeedbackSettings();
        settings.control = FeedbackSettings.Control.GRADIENT;
        settings.cost = FeedbackSettings.Cost.L2;
        SimulatorFeedback feedback = new SimulatorFeedback(settings, simulator, coordinates, transform);
        int d = 4;
        double[] x0 = coordinates.modelX(transform.apply(new double[][] {data[1]}))[0];
        double[] uHat = coordinates.modelTheta(new double[][] {theta[2]})[0];
        SimulatorFeedback.Runner runner = feedback.samplingRunner(1, SeededRandom.of(5));
        Mat out = Mat.zeros(Precision.FLOAT64, 1, 2 + d);
        feedback.signal(uHat, x0, data[1], runner, out, 1);
        double norm = Math.expm1(out.get(0, 1));
        double[] analytic = new double[d];
        for (int j = 0; j < d; j++) {
            analytic[j] = out.get(0, 2 + j) * (1 + norm);
        }
        double h = 1e-5;
        for (int j = 0; j < d; j++) {
            double[] up = uHat.clone();
            double[] down = uHat.clone();
            up[j] += h;
            down[j] -= h;
            feedback.signal(up, x0, data[1], runner, out, 1);
            double cUp = Math.expm1(out.get(0, 0));
            feedback.signal(down, x0, data[1], runner, out, 1);
            double cDown = Math.expm1(out.get(0, 0));
            double numeric = (cUp - cDown) / (2 * h);
            assertThat(analytic[j]).as("dC/du_%d", j)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(numeric))));
        }
        assertThat(norm).isGreaterThan(1e-3);
    }

    @Test
    void sameSeedSameSamplesForAnyThreadCountAndAfterLoading() throws IOException {
        double[][] a = gradientPosterior.sample(lotkaX0, 300, SeededRandom.of(9));
        TruncatedPosterior twoThreads = Fits.fitAny(lotka, gradient, 3, 2);
        assertThat(twoThreads.sample(lotkaX0, 300, SeededRandom.of(9))).isDeepEqualTo(a);
        InMemoryModel saved = new InMemoryModel();
        gradientPosterior.save(saved);
        Posterior loaded = new FmpeEstimatorFactory().load(gradient, saved, Fits.bare(lotka));
        assertThat(loaded.sample(lotkaX0, 300, SeededRandom.of(9))).isDeepEqualTo(a);
        assertThat(gradientPosterior.sample(lotkaX0, 300, SeededRandom.of(10))).isNotEqualTo(a);
    }

    @Test
    void hasNoDensityAndStatesTheSimulatorCalls() {
        assertThat(gradientPosterior).isInstanceOf(FeedbackPosterior.class);
        assertThat(gradientPosterior.hasLogDensity()).isFalse();
        assertThatThrownBy(() -> gradientPosterior.logDensity(new double[][] {{1, 0.05, 1, 0.05}}, lotkaX0))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("no tractable density");
        assertThat(((FeedbackPosterior) gradientPosterior).simulatorCallsPerSample()).isEqualTo(10);
        assertThat(gradientPosterior.trainingSummary().statistics())
                .containsEntry("simulator-calls-per-sample", 10.0)
                .containsEntry("feedback-simulator-calls", 200.0);
    }

    @Test
    void learnedControlRunsOnAStochasticSimulatorWithoutGradients() throws IOException {
        InferenceProblem moons = Fits.simulate(new TwoMoonsSimulator(), 600, 6);
        FmpeSettings s = small(3);
        s.feedback.control = FeedbackSettings.Control.LEARNED;
        s.feedback.budget = 200;
        s.feedback.batchSize = 50;
        s.feedback.width = 16;
        s.feedback.encoderDim = 4;
        TruncatedPosterior posterior = Fits.fitAny(moons, s, 7, 1);
        double[][] a = posterior.sample(MOONS_X0, 200, SeededRandom.of(3));
        assertThat(posterior.sample(MOONS_X0, 200, SeededRandom.of(3))).isDeepEqualTo(a);
        InMemoryModel saved = new InMemoryModel();
        posterior.save(saved);
        assertThat(new FmpeEstimatorFactory().load(s, saved, Fits.bare(moons)).sample(MOONS_X0, 200,
                SeededRandom.of(3))).isDeepEqualTo(a);
        assertThat(java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).allMatch(Double::isFinite))
                .isTrue();
        FmpeSettings wrong = small(3);
        wrong.feedback.control = FeedbackSettings.Control.GRADIENT;
        assertThatThrownBy(() -> new FmpeEstimatorFactory().load(wrong, saved, Fits.bare(moons)))
                .isInstanceOf(SbiException.class).hasMessageContaining("learned");
    }
}
