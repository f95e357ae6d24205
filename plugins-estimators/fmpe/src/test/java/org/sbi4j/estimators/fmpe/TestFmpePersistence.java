package org.sbi4j.estimators.fmpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.simulators.benchmarks.TwoMoonsSimulator;
import org.sbi4j.testing.InMemoryModel;
import org.sbi4j.testing.SeededRandom;

/** Save → load round trips, reproducibility under the fit context's seeds, and thread safety. */
class TestFmpePersistence {
    private static final double[] X0 = {-0.2, 0.1};

    private static InferenceProblem problem;
    private static FmpeSettings settings;
    private static FmpePosterior posterior;
    private static InMemoryModel saved;

    @BeforeAll
    static void fit() throws IOException {
        problem = Fits.simulate(new TwoMoonsSimulator(), 1500, 4);
        settings = Fits.small();
        settings.maxEpochs = 5;
        posterior = Fits.fit(problem, settings, 3, 1);
        saved = new InMemoryModel();
        posterior.save(saved);
    }

    @Test
    void loadedPosteriorGivesIdenticalSamplesAndDensities() throws IOException {
        Posterior loaded = new FmpeEstimatorFactory().load(settings, saved, Fits.bare(problem));
        double[][] a = posterior.sample(X0, 2000, SeededRandom.of(9));
        assertThat(loaded.sample(X0, 2000, SeededRandom.of(9))).isDeepEqualTo(a);
        assertThat(loaded.logDensity(a, X0)).containsExactly(posterior.logDensity(a, X0));
        assertThat(loaded.parameterNames()).isEqualTo(problem.prior().parameterNames()).hasSize(2);
        assertThat(loaded.trainingSummary()).isEqualTo(posterior.trainingSummary());
        assertThat(posterior.trainingSummary().statistics()).containsKeys("training-seconds",
                "prior-support-acceptance", "best-validation-loss");
    }

    @Test
    void aLoadedPosteriorSamplesOnTheLoadingJobsThreadsWithTheSameDraws() throws IOException {
        FmpeEstimatorFactory factory = new FmpeEstimatorFactory();
        FmpePosterior one = (FmpePosterior) factory.load(settings, saved, Fits.bare(problem), 1);
        FmpePosterior two = (FmpePosterior) factory.load(settings, saved, Fits.bare(problem), 2);
        assertThat(one.samplingThreads()).isEqualTo(1);
        assertThat(two.samplingThreads()).isEqualTo(2);
        assertThat(two.sample(X0, 3000, SeededRandom.of(5))).isDeepEqualTo(one.sample(X0, 3000, SeededRandom.of(5)));
    }

    @Test
    void sameSeedGivesABitIdenticalModelForAnyThreadCount() throws IOException {
        FmpePosterior again = Fits.fit(problem, settings, 3, 2);
        InMemoryModel other = new InMemoryModel();
        again.save(other);
        assertThat(other.storedFloats("field/parameters")).containsExactly(saved.storedFloats("field/parameters"));
        assertThat(again.sample(X0, 500, SeededRandom.of(1))).isDeepEqualTo(posterior.sample(X0, 500,
                SeededRandom.of(1)));
    }

    @Test
    void drawsAndDensitiesAreTheSameForOneAndTwoThreads() {
        // the same weights for any thread count, sampled and evaluated on 1 and on 2 threads in 2 row shards
        FmpePosterior two = Fits.fit(problem, settings, 3, 2);
        int n = 5000;
        double[][] draws = posterior.sample(X0, n, SeededRandom.of(21));
        assertThat(two.sample(X0, n, SeededRandom.of(21))).isDeepEqualTo(draws);
        assertThat(two.logDensity(draws, X0)).containsExactly(posterior.logDensity(draws, X0));
        var oneWith = posterior.sampleWithLogDensity(X0, 3000, SeededRandom.of(22));
        var twoWith = two.sampleWithLogDensity(X0, 3000, SeededRandom.of(22));
        assertThat(twoWith.theta()).isDeepEqualTo(oneWith.theta());
        assertThat(twoWith.logDensity()).containsExactly(oneWith.logDensity());
        // 5000 draws in 2 shards: 2 solves, as many evaluations whichever thread ran them
        assertThat(two.lastOdeReports()).hasSize(2);
        assertThat(two.lastOdeReports()).isEqualTo(posterior.lastOdeReports());
    }

    @Test
    void unshardedTrainingGivesTheSameModelForOneAndTwoThreads() throws IOException {
        FmpeSettings unsharded = Fits.small();
        unsharded.maxEpochs = 5;
        unsharded.shards = 1;
        InMemoryModel one = new InMemoryModel();
        Fits.fit(problem, unsharded, 3, 1).save(one);
        InMemoryModel two = new InMemoryModel();
        Fits.fit(problem, unsharded, 3, 2).save(two);
        assertThat(two.storedFloats("field/parameters")).containsExactly(one.storedFloats("field/parameters"));
        // one shard sums the gradient in another order than the default two: other weights, so the checks of the
        // thread count are not vacuous
        assertThat(one.storedFloats("field/parameters")).isNotEqualTo(saved.storedFloats("field/parameters"));
    }

    @Test
    void anotherSeedGivesAnotherModel() throws IOException {
        InMemoryModel model = new InMemoryModel();
        Fits.fit(problem, settings, 4, 1).save(model);
        assertThat(model.storedFloats("field/parameters")).isNotEqualTo(saved.storedFloats("field/parameters"));
    }

    @Test
    void loadingChecksTheFormatAndTheProblem() throws IOException {
        InMemoryModel wrongFormat = new InMemoryModel();
        posterior.save(wrongFormat);
        wrongFormat.overwriteProperty("format", "fmpe/99");
        FmpeEstimatorFactory factory = new FmpeEstimatorFactory();
        InferenceProblem bare = Fits.bare(problem);
        assertThatThrownBy(() -> factory.load(settings, wrongFormat, bare))
                .isInstanceOf(IOException.class).hasMessageContaining("fmpe/99");
        InferenceProblem otherBounds = new InferenceProblem(
                BoxUniformPrior.cube(2, 0, 2).withNames(problem.prior().parameterNames()), problem.simulator(), null);
        assertThatThrownBy(() -> factory.load(settings, saved, otherBounds))
                .isInstanceOf(IOException.class).hasMessageContaining("prior bounds");
    }

    @Test
    void concurrentSamplingMatchesSequentialSampling() throws Exception {
        int threads = 3;
        double[][][] expected = new double[threads][][];
        for (int t = 0; t < threads; t++) {
            expected[t] = posterior.sample(X0, 1000, SeededRandom.of(100 + t));
        }
        double[][][] actual = new double[threads][][];
        Throwable[] failures = new Throwable[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                try {
                    actual[id] = posterior.sample(X0, 1000, SeededRandom.of(100 + id));
                } catch (Throwable e) {
                    failures[id] = e;
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        for (int t = 0; t < threads; t++) {
            assertThat(failures[t]).isNull();
            assertThat(actual[t]).isDeepEqualTo(expected[t]);
        }
    }

    @Test
    void batchSamplingGivesEachObservationItsOwnStream() {
        double[][] observations = {X0, {0.1, -0.3}};
        double[][][] blocks = posterior.sample(observations, 300, SeededRandom.of(6));
        double[][][] again = posterior.sample(new double[][] {X0}, 300, SeededRandom.of(6));
        assertThat(again[0]).isDeepEqualTo(blocks[0]);
        assertThat(blocks[1]).hasDimensions(300, 2).isNotEqualTo(blocks[0]);
    }
}
