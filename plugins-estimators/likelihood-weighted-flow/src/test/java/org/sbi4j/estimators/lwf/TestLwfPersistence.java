package org.sbi4j.estimators.lwf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.testing.ConjugateGaussian;
import org.sbi4j.testing.InMemoryModel;
import org.sbi4j.testing.SeededFitContext;
import org.sbi4j.testing.SeededRandom;

/**
 * Save → load of a non-amortised (single-observation) posterior, draws with densities, and a fit that is the same
 * for one or two threads.
 */
class TestLwfPersistence {
    private static final double[] X0 = {0.4, -0.2};
    private static final ConjugateGaussian MODEL = ConjugateGaussian.standard();

    private static LwfSettings settings;
    private static LwfPosterior posterior;
    private static InMemoryModel saved;

    @BeforeAll
    static void fit() {
        settings = new LwfSettings();
        settings.observation = X0.clone();
        settings.draws = 2000;
        settings.transforms = 2;
        settings.hiddenFeatures = 16;
        settings.maxEpochs = 10;
        settings.components = "2";
        InferenceProblem problem = new InferenceProblem(MODEL.defaultPrior().orElseThrow(), MODEL, null);
        posterior = new LwfEstimator(settings).fit(problem, SeededFitContext.of(5).withSimulator(MODEL));
        saved = new InMemoryModel();
        try {
            posterior.save(saved);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loadedPosteriorGivesIdenticalDrawsAndDensities() throws IOException {
        Posterior loaded = new LwfEstimatorFactory().load(settings, saved, bare());
        double[][] a = posterior.sample(X0, 2000, SeededRandom.of(9));
        assertThat(loaded.sample(X0, 2000, SeededRandom.of(9))).isDeepEqualTo(a);
        assertThat(loaded.logDensity(a, X0)).containsExactly(posterior.logDensity(a, X0));
        assertThat(loaded.trainingSummary()).isEqualTo(posterior.trainingSummary());
        assertThat(((LwfPosterior) loaded).isAmortised()).isFalse();
        assertThat(posterior.trainingSummary().statistics()).containsEntry("components", 2.0)
                .containsEntry("likelihood-evaluations", 2000.0);
    }

    @Test
    void drawsComeWithTheirDensities() {
        LwfPosterior.Draws draws = posterior.sampleWithLogDensity(X0, 500, SeededRandom.of(4));
        assertThat(draws.theta()).isDeepEqualTo(posterior.sample(X0, 500, SeededRandom.of(4)));
        double[] again = posterior.logDensity(draws.theta(), X0);
        for (int i = 0; i < again.length; i++) {
            assertThat(draws.logDensity()[i]).isCloseTo(again[i], org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void aNonAmortisedModelRefusesOtherObservations() {
        assertThatThrownBy(() -> posterior.sample(new double[] {0.5, -0.2}, 10, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class).hasMessageContaining("trained for the one observation");
    }

    @Test
    void loadingChecksTheFormat() throws IOException {
        InMemoryModel wrong = new InMemoryModel();
        posterior.save(wrong);
        wrong.overwriteProperty("format", "likelihood-weighted-flow/99");
        assertThatThrownBy(() -> new LwfEstimatorFactory().load(settings, wrong, bare()))
                .isInstanceOf(IOException.class).hasMessageContaining("likelihood-weighted-flow/99");
        InMemoryModel shorter = new InMemoryModel();
        posterior.save(shorter);
        shorter.overwriteProperty("data-length", "3");
        assertThatThrownBy(() -> new LwfEstimatorFactory().load(settings, shorter, bare()))
                .isInstanceOf(IOException.class).hasMessageContaining("data of length 3");
    }

    @ParameterizedTest
    @EnumSource(value = ProposalType.class, names = {"FLOW", "MIXTURE"})
    void theFitIsTheSameForOneOrTwoThreads(ProposalType proposal) throws IOException {
        LwfSettings amortised = new LwfSettings();
        amortised.proposal = proposal;
        amortised.draws = 32;
        amortised.transforms = 1;
        amortised.hiddenFeatures = 8;
        amortised.maxEpochs = 2;
        amortised.roundEpochs = 1;
        amortised.minEssFraction = 0.9; // forces an adaptation round on the threads too
        Prior prior = MODEL.defaultPrior().orElseThrow();
        // the mixture proposal runs a BIC-selected EM fit per observation and step: fewer observations keep it fast
        double[][] theta = prior.sample(proposal == ProposalType.FLOW ? 300 : 8, SeededRandom.of(2, "prior"));
        SimulationResult x = SeededFitContext.of(2).withSimulator(MODEL).simulate("bank", theta);
        InferenceProblem problem = new InferenceProblem(prior, MODEL, new Simulations(theta, x.data(), 0));
        InMemoryModel one = new InMemoryModel();
        InMemoryModel two = new InMemoryModel();
        LwfPosterior a = new LwfEstimator(amortised).fit(problem, SeededFitContext.of(8).withSimulator(MODEL));
        a.save(one);
        new LwfEstimator(amortised).fit(problem, SeededFitContext.of(8).withSimulator(MODEL).withThreads(2))
                .save(two);
        assertThat(a.trainingSummary().statistics().get("round-1-observations")).isPositive();
        assertThat(two.storedFloats("flow/parameters")).containsExactly(one.storedFloats("flow/parameters"));
    }

    private static InferenceProblem bare() {
        return new InferenceProblem(MODEL.defaultPrior().orElseThrow(), MODEL, null);
    }
}
