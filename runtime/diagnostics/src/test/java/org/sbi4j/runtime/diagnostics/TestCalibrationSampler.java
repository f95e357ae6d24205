package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulator;

class TestCalibrationSampler {
    private static final int D = 3;
    private static final Prior PRIOR = ConjugateGaussianModel.prior(D);
    private static final Simulator SIMULATOR = ConjugateGaussianModel.simulator(D);
    private static final Posterior EXACT = ConjugateGaussianModel.exact(D);

    @Test
    void sameSampleForAnyThreadCount() {
        // a failing simulator, so that replacement rounds are part of what must be reproducible
        Simulator failing = ConjugateGaussianModel.failingSimulator(D, t -> t[0] > 1, t -> t[1] > 1.5);
        CalibrationSample one = CalibrationSampler.draw(PRIOR, failing, EXACT, 700, 40, 5, 1);
        CalibrationSample three = CalibrationSampler.draw(PRIOR, failing, EXACT, 700, 40, 5, 3);
        assertThat(three.thetaTrue()).isDeepEqualTo(one.thetaTrue());
        assertThat(three.observations()).isDeepEqualTo(one.observations());
        assertThat(three.posteriorSamples()).isDeepEqualTo(one.posteriorSamples());
        assertThat(three.logDensityTrue()).isEqualTo(one.logDensityTrue());
        assertThat(three.logDensitySamples()).isDeepEqualTo(one.logDensitySamples());
        assertThat(three.invalidSimulations()).isEqualTo(one.invalidSimulations()).isPositive();

        CalibrationSample otherSeed = CalibrationSampler.draw(PRIOR, failing, EXACT, 700, 40, 6, 3);
        assertThat(otherSeed.thetaTrue()[0]).isNotEqualTo(one.thetaTrue()[0]);
    }

    @Test
    void posteriorDrawsComeInFixedChunksOfObservationsOnTheGivenPool() {
        List<Integer> chunkSizes = Collections.synchronizedList(new ArrayList<>());
        Posterior batching = new Delegating(EXACT) {
            @Override
            public double[][][] sample(double[][] observations, int n, UniformRandomProvider rng) {
                chunkSizes.add(observations.length);
                return super.sample(observations, n, rng);
            }
        };
        CountingWorkerPool pool = new CountingWorkerPool();
        CalibrationSample three = CalibrationSampler.draw(PRIOR, SIMULATOR, batching, 70, 6, 8, 3, pool);
        assertThat(chunkSizes).containsExactlyInAnyOrder(32, 32, 6);
        // one simulation batch, three chunks
        assertThat(pool.tasks()).isEqualTo(1 + 3);
        CalibrationSample one = CalibrationSampler.draw(PRIOR, SIMULATOR, EXACT, 70, 6, 8, 1);
        assertThat(three.posteriorSamples()).isDeepEqualTo(one.posteriorSamples());
        assertThat(three.logDensitySamples()).isDeepEqualTo(one.logDensitySamples());
    }

    @Test
    void aPosteriorReturningTooFewSampleSetsIsReportedWithTheObservations() {
        Posterior truncating = new Delegating(EXACT) {
            @Override
            public double[][][] sample(double[][] observations, int n, UniformRandomProvider rng) {
                double[][][] all = super.sample(observations, n, rng);
                return observations.length == CalibrationSampler.POSTERIOR_CHUNK ? all
                        : java.util.Arrays.copyOf(all, all.length - 1);
            }
        };
        assertThatThrownBy(() -> CalibrationSampler.draw(PRIOR, SIMULATOR, truncating, 40, 4, 1, 2))
                .isInstanceOfSatisfying(SbiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR))
                .hasMessageContaining("observations 32 to 39");
    }

    @Test
    void invalidSimulationsAreCountedAndReplaced() {
        // masked invalid when θ1 > 1 (P = 0.159), NaN data when θ2 > 1.5 (P = 0.067): a share p = 0.215 fails, so
        // replacing them takes n·p/(1−p) = 274 extra runs on average (s.d. about 19 for n = 1000)
        Simulator failing = ConjugateGaussianModel.failingSimulator(D, t -> t[0] > 1, t -> t[1] > 1.5);
        CalibrationSample sample = CalibrationSampler.draw(PRIOR, failing, EXACT, 1000, 10, 7, 2);
        assertThat(sample.size()).isEqualTo(1000);
        assertThat(sample.invalidSimulations()).isBetween(274 - 80, 274 + 80);
        for (int i = 0; i < sample.size(); i++) {
            assertThat(sample.thetaTrue()[i][0]).isLessThanOrEqualTo(1.0);
            assertThat(sample.thetaTrue()[i][1]).isLessThanOrEqualTo(1.5);
            assertThat(sample.observations()[i]).doesNotContain(Double.NaN);
        }
        // the kept θ* are distinct draws, not repeats of one
        assertThat(sample.thetaTrue()[0]).isNotEqualTo(sample.thetaTrue()[1]);
    }

    @Test
    void moreThanHalfInvalidIsAUserErrorNamingTheFraction() {
        Simulator mostlyFailing = ConjugateGaussianModel.failingSimulator(D, t -> t[0] > -0.5, t -> false);
        assertThatThrownBy(() -> CalibrationSampler.draw(PRIOR, mostlyFailing, EXACT, 500, 10, 1, 2))
                .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.USER_ERROR))
                .hasMessageContaining("were invalid")
                .hasMessageMatching("(?s).*\\d+ of 500 simulations \\(6\\d\\.\\d%\\).*");
    }

    @Test
    void logDensitiesAreThoseOfThePosterior() {
        CalibrationSample sample = CalibrationSampler.draw(PRIOR, SIMULATOR, EXACT, 20, 5, 3, 1);
        assertThat(sample.hasLogDensity()).isTrue();
        for (int i = 0; i < sample.size(); i++) {
            double[] x = sample.observations()[i];
            assertThat(sample.logDensityTrue()[i])
                    .isCloseTo(EXACT.logDensity(new double[][] {sample.thetaTrue()[i]}, x)[0], within(1e-12));
            assertThat(sample.logDensitySamples()[i])
                    .containsExactly(EXACT.logDensity(sample.posteriorSamples()[i], x), within(1e-12));
        }
        CalibrationSample noDensity = CalibrationSampler.draw(PRIOR, SIMULATOR,
                ConjugateGaussianModel.wrong(D, 1, 0, false), 20, 5, 3, 1);
        assertThat(noDensity.hasLogDensity()).isFalse();
        assertThat(noDensity.logDensityTrue()).isNull();
        assertThat(noDensity.logDensitySamples()).isNull();
        // same streams: the posterior draws do not depend on whether densities are computed
        assertThat(noDensity.posteriorSamples()).isDeepEqualTo(sample.posteriorSamples());
    }

    @Test
    void badArgumentsAreUserErrorsThatSayWhatToDo() {
        assertUserError(() -> CalibrationSampler.draw(PRIOR, SIMULATOR, EXACT, 1, 10, 1, 1), "n >= 2", "n = 1");
        assertUserError(() -> CalibrationSampler.draw(PRIOR, SIMULATOR, EXACT, 10, 0, 1, 1), "draws >= 1",
                "draws = 0");
        assertUserError(() -> CalibrationSampler.draw(PRIOR, SIMULATOR, EXACT, 10, 10, 1, 0), "threads = 0",
                "at least 1 thread");
        assertUserError(() -> CalibrationSampler.draw(ConjugateGaussianModel.prior(2), SIMULATOR, EXACT, 10, 10, 1, 1),
                "prior has 2 parameters", "trained on");
    }

    @Test
    void aPosteriorReturningNonFiniteSamplesIsReportedAsAnInternalError() {
        Posterior broken = new Posterior() {
            @Override
            public java.util.List<String> parameterNames() {
                return ConjugateGaussianModel.names(D);
            }

            @Override
            public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
                double[][] out = new double[n][D];
                out[n - 1][2] = Double.NaN;
                return out;
            }

            @Override
            public void save(ModelWriter out) {
            }
        };
        assertThatThrownBy(() -> CalibrationSampler.draw(PRIOR, SIMULATOR, broken, 10, 4, 1, 2))
                .isInstanceOfSatisfying(SbiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR))
                .hasMessageContaining("non-finite sample");
    }

    /** A posterior that forwards everything to another; tests override the batch sampling. */
    private static class Delegating implements Posterior {
        private final Posterior inner;

        Delegating(Posterior inner) {
            this.inner = inner;
        }

        @Override
        public List<String> parameterNames() {
            return inner.parameterNames();
        }

        @Override
        public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
            return inner.sample(observation, n, rng);
        }

        @Override
        public boolean hasLogDensity() {
            return inner.hasLogDensity();
        }

        @Override
        public double[] logDensity(double[][] theta, double[] observation) {
            return inner.logDensity(theta, observation);
        }

        @Override
        public void save(ModelWriter out) {
        }
    }

    private static void assertUserError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                        String... fragments) {
        var check = assertThatThrownBy(call)
                .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.USER_ERROR));
        for (String fragment : fragments) {
            check.hasMessageContaining(fragment);
        }
    }
}
