package org.sbi4j.estimators.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.testing.SeededRandom;
import org.sbi4j.testing.InMemoryModel;

class TestRejectionAbcPosterior {
    private static final RejectionAbcEstimatorFactory FACTORY = new RejectionAbcEstimatorFactory();
    private static final InferenceProblem CONJUGATE = KnownProblems.withSimulations(
            KnownProblems.conjugateGaussian(), 20_000, 42);

    private static Posterior fit(InferenceProblem problem, RejectionAbcSettings settings) {
        return FACTORY.create(settings, null).fit(problem, KnownProblems.context());
    }

    private static RejectionAbcSettings settings(int keep, double quantile, boolean kde, DataScale scale) {
        RejectionAbcSettings s = new RejectionAbcSettings();
        s.keep = keep;
        s.quantile = quantile;
        s.kde = kde;
        s.scale = scale;
        return s;
    }

    /*
     * Conjugate model: the posterior is N(0.8 x₀, 0.2), sd 0.447. 20,000 simulations with 1,000 kept (a 5 %
     * quantile) accept x within ε ≈ 0.08 of x₀ = 0.5 and ε ≈ 0.17 of x₀ = -1.5 (marginal x ~ N(0, 1.25)). The
     * window adds 0.64 ε²/3 ≤ 0.0063 to the variance (sd +1.6 % at most) and biases the mean by ≤ 0.01. Monte
     * Carlo: the kept 1,000 give a standard error of 0.447/√1000 = 0.014 on the mean and 0.447/√2000 = 0.010 on
     * the sd; 20,000 draws from them add about 0.003. Margins: 0.06 on the mean and 0.045 on the sd, about four
     * standard errors plus the window bias. The KDE widens the sd by √(1 + h²), h = 1000^(-1/5) (Scott, d = 1).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, -1.5})
    void kdeOnTheKeptQuantileMatchesTheConjugatePosterior(double observation) {
        RejectionAbcSettings scott = settings(0, 0.05, true, DataScale.NONE);
        scott.bandwidth = KdeBandwidth.SCOTT; // the default is cv; this checks Scott's covariance inflation
        Posterior posterior = fit(CONJUGATE, scott);
        double[] moments = moments(posterior.sample(new double[] {observation}, 20_000, SeededRandom.of(7)));
        double h = Math.pow(1000, -1.0 / 5);
        assertThat(moments[0]).isCloseTo(KnownProblems.conjugatePosteriorMean(observation), within(0.06));
        assertThat(moments[1]).isCloseTo(KnownProblems.conjugatePosteriorSd() * Math.sqrt(1 + h * h), within(0.045));
    }

    /*
     * As above with the default cv bandwidth: an isotropic kernel of width h, which for 1,000 nearly normal points
     * is near the normal reference 0.447 · (4/3000)^(1/5) ≈ 0.12, so the sd grows to about √(0.2 + h²) ≈ 0.463
     * (+3.5 %). Same Monte Carlo margins; the upper bound also rules out h > 0.25 (sd > 0.51).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, -1.5})
    void cvKdeOnTheKeptQuantileMatchesTheConjugatePosterior(double observation) {
        Posterior posterior = fit(CONJUGATE, settings(0, 0.05, true, DataScale.NONE));
        double[] moments = moments(posterior.sample(new double[] {observation}, 20_000, SeededRandom.of(7)));
        double sd = KnownProblems.conjugatePosteriorSd();
        assertThat(moments[0]).isCloseTo(KnownProblems.conjugatePosteriorMean(observation), within(0.06));
        assertThat(moments[1]).isCloseTo(Math.sqrt(sd * sd + 0.12 * 0.12), within(0.045));
    }

    /** As above, resampling the 1,000 kept parameters without a KDE, with MAD-scaled data. */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, -1.5})
    void resamplingTheKeptSimulationsMatchesTheConjugatePosterior(double observation) {
        Posterior posterior = fit(CONJUGATE, settings(1000, 0, false, DataScale.MAD));
        double[] moments = moments(posterior.sample(new double[] {observation}, 20_000, SeededRandom.of(8)));
        assertThat(moments[0]).isCloseTo(KnownProblems.conjugatePosteriorMean(observation), within(0.06));
        assertThat(moments[1]).isCloseTo(KnownProblems.conjugatePosteriorSd(), within(0.045));
    }

    @Test
    void resampledDrawsAreExactlyTheKeptParameters() {
        Posterior posterior = fit(CONJUGATE, settings(0, 0, false, DataScale.NONE));
        double[][] samples = posterior.sample(new double[] {0.3}, 5000, SeededRandom.of(1));
        long distinct = Arrays.stream(samples).mapToDouble(row -> row[0]).distinct().count();
        // 5000 draws with replacement from the default 100 kept: all 100 appear with probability > 1 - 1e-19.
        assertThat(distinct).isEqualTo(RejectionAbcSettings.DEFAULT_KEEP);
        double[] theta = Arrays.stream(CONJUGATE.requireSimulations().theta()).mapToDouble(r -> r[0]).toArray();
        Arrays.sort(theta);
        for (double[] row : samples) {
            assertThat(Arrays.binarySearch(theta, row[0])).isNotNegative();
        }
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        for (boolean kde : new boolean[] {true, false}) {
            Posterior posterior = fit(CONJUGATE, settings(0, 0, kde, DataScale.NONE));
            double[] x0 = {0.7};
            double[][] a = posterior.sample(x0, 300, SeededRandom.of(5));
            assertThat(posterior.sample(x0, 300, SeededRandom.of(5))).isDeepEqualTo(a);
            assertThat(posterior.sample(x0, 300, SeededRandom.of(6))).isNotEqualTo(a);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void saveAndLoadGiveTheSameSamples(boolean kde) throws IOException {
        RejectionAbcSettings settings = settings(0, 0.01, kde, DataScale.MAD);
        Posterior posterior = fit(CONJUGATE, settings);
        InMemoryModel model = new InMemoryModel();
        posterior.save(model);
        Posterior loaded = FACTORY.load(settings, model, KnownProblems.withoutSimulations(CONJUGATE));

        assertThat(model.shape("theta")).containsExactly(20_000, 1);
        assertThat(model.shape("x")).containsExactly(20_000, 1);
        assertThat(model.array("scales")[0]).isGreaterThan(1.0).isLessThan(1.25); // marginal sd of x: √1.25
        assertThat(model.property("kept")).isEqualTo("200");
        assertThat(loaded.parameterNames()).isEqualTo(posterior.parameterNames()).containsExactly("mu");
        assertThat(loaded.trainingSummary()).isEqualTo(posterior.trainingSummary());
        for (double x0 : new double[] {-0.4, 1.9}) {
            assertThat(loaded.sample(new double[] {x0}, 500, SeededRandom.of(3)))
                    .isDeepEqualTo(posterior.sample(new double[] {x0}, 500, SeededRandom.of(3)));
        }
    }

    @Test
    void loadingWithOtherSelectionSettingsIsRefused() throws IOException {
        InMemoryModel model = new InMemoryModel();
        fit(CONJUGATE, settings(0, 0, true, DataScale.NONE)).save(model);
        assertThatThrownBy(() -> FACTORY.load(settings(50, 0, true, DataScale.NONE), model,
                KnownProblems.withoutSimulations(CONJUGATE)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("kept 100 simulations per observation but these settings keep 50");
        model.overwriteProperty("format", "something-else/7");
        assertThatThrownBy(() -> FACTORY.load(new RejectionAbcSettings(), model,
                KnownProblems.withoutSimulations(CONJUGATE)))
                .isInstanceOf(IOException.class).hasMessageContaining("format 'something-else/7'");
    }

    @Test
    void wrongLengthOrNonFiniteObservationsAreUserErrors() {
        Posterior posterior = fit(CONJUGATE, new RejectionAbcSettings());
        assertThatThrownBy(() -> posterior.sample(new double[] {0.1, 0.2}, 10, SeededRandom.of(1)))
                .isInstanceOfSatisfying(SbiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.USER_ERROR))
                .hasMessage("observation has 2 values but the simulator's data have 1 (x)");
        assertThatThrownBy(() -> posterior.sample(new double[] {Double.NaN}, 10, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class)
                .hasMessage("observation value 1 (x) is NaN; rejection ABC needs finite data to compute distances");
        assertThatThrownBy(() -> posterior.sample(new double[] {Double.POSITIVE_INFINITY}, 10, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class).hasMessageContaining("(x) is Infinity");
        assertThatThrownBy(() -> posterior.sample(new double[] {0}, -1, SeededRandom.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
        assertThat(posterior.sample(new double[] {0}, 0, SeededRandom.of(1))).isEmpty();
    }

    @Test
    void longDataNamesAreAbbreviatedInTheLengthMessage() {
        Posterior posterior = new RejectionAbcPosterior(CONJUGATE.prior(),
                List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"),
                SimulationBank.restore(new double[] {0}, new double[8], new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 1, 8),
                AbcOptions.of(settings(1, 0, false, DataScale.NONE)));
        assertThatThrownBy(() -> posterior.sample(new double[3], 1, SeededRandom.of(1)))
                .hasMessage("observation has 3 values but the simulator's data have 8 (t1, t2, t3, …, t8)");
    }

    /*
     * θ ~ U([0,1]²), x = θ + N(0, 0.05²): for x₀ at or beyond the corner (0, 1) the kept θ crowd the corner, and
     * an untruncated Gaussian kernel there puts roughly three quarters of its mass outside the square.
     */
    @Test
    void kdeDrawsStayInsideTheBoxPrior() {
        InferenceProblem problem = KnownProblems.withSimulations(KnownProblems.noisyUnitSquare(), 20_000, 9);
        Posterior posterior = fit(problem, new RejectionAbcSettings());
        for (double[] x0 : new double[][] {{0.0, 1.0}, {-0.2, 1.3}, {0.5, 0.02}}) {
            double[][] samples = posterior.sample(x0, 5000, SeededRandom.of(4));
            double closestToBoundary = 1;
            for (double[] theta : samples) {
                assertThat(theta[0]).isBetween(0.0, 1.0);
                assertThat(theta[1]).isBetween(0.0, 1.0);
                assertThat(problem.prior().inSupport(theta)).isTrue();
                closestToBoundary = Math.min(closestToBoundary, Math.min(Math.min(theta[0], 1 - theta[0]),
                        Math.min(theta[1], 1 - theta[1])));
            }
            assertThat(closestToBoundary).as("draws reach the boundary of the support").isLessThan(1e-3);
        }
    }

    @Test
    void keptParametersOutsideThePriorSupportAreReportedClearly() {
        InferenceProblem fromElsewhere = KnownProblems.withSimulations(KnownProblems.noisyUnitSquare(), 500, 2);
        double[][] theta = fromElsewhere.requireSimulations().theta();
        double[][] shifted = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            shifted[i] = new double[] {theta[i][0] + 5, theta[i][1]};
        }
        InferenceProblem problem = new InferenceProblem(fromElsewhere.prior(), fromElsewhere.simulator(),
                new Simulations(shifted, fromElsewhere.requireSimulations().data(), 0));
        Posterior posterior = fit(problem, new RejectionAbcSettings());
        assertThatThrownBy(() -> posterior.sample(new double[] {0.5, 0.5}, 10, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("none of the 100 kept simulations has parameters inside the prior support");
        RejectionAbcSettings resample = new RejectionAbcSettings();
        resample.kde = false;
        assertThat(fit(problem, resample).sample(new double[] {0.5, 0.5}, 10, SeededRandom.of(1))).hasNumberOfRows(10);
    }

    @Test
    void aBankSmallerThanKeepIsAUserError() {
        InferenceProblem small = KnownProblems.withSimulations(KnownProblems.conjugateGaussian(), 60, 1);
        assertThatThrownBy(() -> fit(small, new RejectionAbcSettings()))
                .isInstanceOf(SbiException.class)
                .hasMessage("rejection-abc: keep = 100 (the default) exceeds the 60 valid simulations in the bank; "
                        + "lower keep, use quantile, or simulate more");
        assertThat(((RejectionAbcPosterior) fit(small, settings(0, 0.1, true, DataScale.SD))).keptCount())
                .isEqualTo(6);
        assertThat(fit(small, settings(0, 0.001, true, DataScale.SD)).trainingSummary().statistics())
                .containsEntry("simulations-in-bank", 60.0)
                .containsEntry("simulations-kept-per-observation", 1.0);
    }

    @Test
    void theEstimatorAsksForSimulationsOnly() {
        assertThat(FACTORY.create(new RejectionAbcSettings(), null).requirements())
                .containsExactly(org.sbi4j.api.Capability.SIMULATIONS);
        assertThat(fit(CONJUGATE, new RejectionAbcSettings()).hasLogDensity()).isFalse();
    }

    /** Mean and sd (denominator n − 1) of the first column. */
    private static double[] moments(double[][] samples) {
        double mean = Arrays.stream(samples).mapToDouble(r -> r[0]).average().orElseThrow();
        double ss = Arrays.stream(samples).mapToDouble(r -> (r[0] - mean) * (r[0] - mean)).sum();
        return new double[] {mean, Math.sqrt(ss / (samples.length - 1))};
    }
}
