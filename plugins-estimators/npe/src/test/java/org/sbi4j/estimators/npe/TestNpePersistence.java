package org.sbi4j.estimators.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.testing.InMemoryModel;

/** Save → load round trips and reproducibility under the fit context's seeds. */
class TestNpePersistence {
    private static final double[] X0 = {0.3, 0.7};

    private static InferenceProblem problem;
    private static NpeSettings settings;
    private static NpePosterior posterior;
    private static InMemoryModel saved;

    @BeforeAll
    static void fit() throws IOException {
        problem = Problems.withSimulations(Problems.noisyUnitSquare(0.1), 1500, 4);
        settings = new NpeSettings();
        settings.maxEpochs = 8;
        posterior = new NpeEstimator(settings).fit(problem, Problems.context(3, 1, TrainingListener.NONE));
        saved = new InMemoryModel();
        posterior.save(saved);
    }

    @Test
    void loadedPosteriorGivesIdenticalSamplesAndDensities() throws IOException {
        Posterior loaded = new NpeEstimatorFactory().load(settings, saved, Problems.withoutSimulations(problem));
        double[][] a = posterior.sample(X0, 3000, Problems.rng(9));
        double[][] b = loaded.sample(X0, 3000, Problems.rng(9));
        assertThat(b).isDeepEqualTo(a);
        assertThat(loaded.logDensity(a, X0)).containsExactly(posterior.logDensity(a, X0));
        assertThat(loaded.parameterNames()).isEqualTo(List.of("a", "b"));
        assertThat(loaded.hasLogDensity()).isTrue();
        assertThat(loaded.trainingSummary()).isEqualTo(posterior.trainingSummary());
    }

    @Test
    void sameSeedGivesABitIdenticalModelForAnyThreadCount() throws IOException {
        // npe's default splits each batch into shards, so the second thread computes shards
        assertThat(settings.shards).isGreaterThan(1);
        NpePosterior again = new NpeEstimator(settings).fit(problem, Problems.context(3, 2, TrainingListener.NONE));
        InMemoryModel other = new InMemoryModel();
        again.save(other);
        assertThat(other.storedFloats("flow/parameters")).containsExactly(saved.storedFloats("flow/parameters"));
        assertThat(again.sample(X0, 500, Problems.rng(1))).isDeepEqualTo(posterior.sample(X0, 500, Problems.rng(1)));
    }

    @Test
    void anotherSeedGivesAnotherModel() throws IOException {
        NpePosterior other = new NpeEstimator(settings).fit(problem, Problems.context(4, 1, TrainingListener.NONE));
        InMemoryModel model = new InMemoryModel();
        other.save(model);
        assertThat(model.storedFloats("flow/parameters")).isNotEqualTo(saved.storedFloats("flow/parameters"));
    }

    @Test
    void loadingChecksTheFormatAndTheProblem() throws IOException {
        InMemoryModel wrongFormat = new InMemoryModel();
        posterior.save(wrongFormat);
        wrongFormat.overwriteProperty("format", "npe/99");
        NpeEstimatorFactory factory = new NpeEstimatorFactory();
        InferenceProblem bare = Problems.withoutSimulations(problem);
        assertThatThrownBy(() -> factory.load(settings, wrongFormat, bare))
                .isInstanceOf(IOException.class).hasMessageContaining("npe/99");

        InferenceProblem otherBounds = new InferenceProblem(
                BoxUniformPrior.cube(2, 0, 2).withNames(List.of("a", "b")), problem.simulator(), null);
        assertThatThrownBy(() -> factory.load(settings, saved, otherBounds))
                .isInstanceOf(IOException.class).hasMessageContaining("prior bounds");

    }

    @Test
    void concurrentSamplingMatchesSequentialSampling() throws Exception {
        int threads = 4;
        double[][][] expected = new double[threads][][];
        for (int t = 0; t < threads; t++) {
            expected[t] = posterior.sample(X0, 2000, Problems.rng(100 + t));
        }
        double[][][] actual = new double[threads][][];
        double[][] densities = new double[threads][];
        Thread[] workers = new Thread[threads];
        Throwable[] failures = new Throwable[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                try {
                    for (int rep = 0; rep < 3; rep++) {
                        actual[id] = posterior.sample(X0, 2000, Problems.rng(100 + id));
                        densities[id] = posterior.logDensity(actual[id], X0);
                    }
                } catch (Throwable e) {
                    failures[id] = e;
                }
            });
        }
        for (Thread w : workers) {
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        for (int t = 0; t < threads; t++) {
            assertThat(failures[t]).isNull();
            assertThat(actual[t]).isDeepEqualTo(expected[t]);
            assertThat(densities[t]).containsExactly(posterior.logDensity(expected[t], X0));
        }
    }
}
