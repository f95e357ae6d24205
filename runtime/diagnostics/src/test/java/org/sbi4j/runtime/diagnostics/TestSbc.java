package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;

class TestSbc {
    private static final int D = 3;
    private static final int N = 1000;
    private static final Prior PRIOR = ConjugateGaussianModel.prior(D);
    private static final Simulator SIMULATOR = ConjugateGaussianModel.simulator(D);

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static SbcResult sbc(Posterior posterior, int draws, long seed) {
        return Sbc.defaults().analyze(CalibrationSampler.draw(PRIOR, SIMULATOR, posterior, N, draws, seed, 2));
    }

    @Test
    void exactPosteriorIsCalibrated() {
        // L + 1 = 200: 20 equal bins of 10 ranks. Each p-value is uniform under calibration; the fixed seed is one
        // draw of six of them, each below 0.01 with probability 1%
        SbcResult result = sbc(ConjugateGaussianModel.exact(D), 199, 11);
        assertThat(result.bins()).isEqualTo(20);
        assertThat(result.expectedCounts()).containsOnly(50.0);
        assertThat(boxed(result.pValues())).allSatisfy(p -> assertThat(p).isGreaterThan(0.01));
        assertThat(boxed(result.ksPValues())).allSatisfy(p -> assertThat(p).isGreaterThan(0.01));
        assertThat(result.verdicts()).containsOnly(CalibrationVerdict.CALIBRATED);
        // mean of r/L for uniform ranks: 0.5 ± 0.0092 (s.d. √((L+2)/(12 L N)))
        assertThat(boxed(result.meanNormalisedRanks())).allSatisfy(m -> assertThat(m).isCloseTo(0.5, within(0.035)));
        for (long[] histogram : result.histograms()) {
            assertThat(Arrays.stream(histogram).sum()).isEqualTo(N);
        }
        assertThat(result.sentences().get(0)).startsWith("parameter theta1: calibrated (ranks look uniform;");
    }

    @Test
    void unequalBinsWhenLPlusOneHasNoSmallDivisor() {
        // L + 1 = 101 is prime: 20 bins of 5 or 6 ranks, with matching expected counts
        SbcResult result = sbc(ConjugateGaussianModel.exact(D), 100, 12);
        assertThat(result.bins()).isEqualTo(20);
        assertThat(Arrays.stream(result.expectedCounts()).sum()).isCloseTo(N, within(1e-9));
        assertThat(result.expectedCounts()[0]).isCloseTo(6 * N / 101.0, within(1e-9));
        assertThat(result.expectedCounts()[1]).isCloseTo(5 * N / 101.0, within(1e-9));
        assertThat(boxed(result.pValues())).allSatisfy(p -> assertThat(p).isGreaterThan(0.01));
        assertThat(result.verdicts()).containsOnly(CalibrationVerdict.CALIBRATED);
    }

    @Test
    void shrunkPosteriorIsOverConfident() {
        // spread × 0.5: r/L ≈ Φ(2z), so 52% of ranks fall in the outer 20% (z-score about 25)
        SbcResult result = sbc(ConjugateGaussianModel.wrong(D, 0.5, 0, true), 199, 13);
        assertThat(result.verdicts()).containsOnly(CalibrationVerdict.OVER_CONFIDENT);
        assertThat(boxed(result.pValues())).allSatisfy(p -> assertThat(p).isLessThan(1e-10));
        assertThat(boxed(result.outerMass())).allSatisfy(m -> assertThat(m).isGreaterThan(0.4));
        assertThat(result.sentences().get(2)).startsWith("parameter theta3: over-confident (ranks pile up at the "
                + "extremes").contains("uniformity p = ");
    }

    @Test
    void widenedPosteriorIsUnderConfident() {
        SbcResult result = sbc(ConjugateGaussianModel.wrong(D, 2.0, 0, true), 199, 14);
        assertThat(result.verdicts()).containsOnly(CalibrationVerdict.UNDER_CONFIDENT);
        assertThat(boxed(result.outerMass())).allSatisfy(m -> assertThat(m).isLessThan(0.1));
        assertThat(result.sentences().get(0)).startsWith("parameter theta1: under-confident");
    }

    @Test
    void shiftedPosteriorsAreBiased() {
        // mean + 0.5 posterior s.d.: θ* tends to lie below the samples, mean normalised rank Φ(−0.5/√2) = 0.36
        SbcResult high = sbc(ConjugateGaussianModel.wrong(D, 1, 0.5, true), 199, 15);
        assertThat(high.verdicts()).containsOnly(CalibrationVerdict.BIASED_HIGH);
        assertThat(boxed(high.meanNormalisedRanks())).allSatisfy(m -> assertThat(m).isCloseTo(0.362, within(0.03)));
        SbcResult low = sbc(ConjugateGaussianModel.wrong(D, 1, -0.5, true), 199, 16);
        assertThat(low.verdicts()).containsOnly(CalibrationVerdict.BIASED_LOW);
        assertThat(low.sentences().get(1)).startsWith("parameter theta2: biased low (true values tend to lie above");
        // a strong shift (2 s.d.) piles ranks at one end; it must still read as bias, not over-confidence
        SbcResult far = sbc(ConjugateGaussianModel.wrong(D, 1, 2.0, true), 199, 17);
        assertThat(far.verdicts()).containsOnly(CalibrationVerdict.BIASED_HIGH);
    }

    @Test
    void ranksCountDrawsStrictlyBelowTheTruth() {
        double[][][] draws = {
            {{0.0}, {1.0}, {2.0}, {3.0}},
            {{5.0}, {6.0}, {7.0}, {8.0}},
            {{1.0}, {1.0}, {0.0}, {9.0}},
        };
        CalibrationSample sample = new CalibrationSample(List.of("a"), new double[][] {{2.5}, {4.0}, {1.0}},
                new double[][] {{0}, {0}, {0}}, draws, null, null, 0);
        assertThat(Sbc.ranks(sample)).isDeepEqualTo(new int[][] {{3}, {0}, {1}});
    }

    @Test
    void defaultBinsPreferEqualBins() {
        assertThat(Sbc.defaultBins(1000, 1000)).isEqualTo(13); // 1001 = 7·11·13
        assertThat(Sbc.defaultBins(999, 1000)).isEqualTo(20);
        assertThat(Sbc.defaultBins(100, 1000)).isEqualTo(20); // 101 is prime: unequal bins
        assertThat(Sbc.defaultBins(9, 1000)).isEqualTo(10);
        assertThat(Sbc.defaultBins(1000, 30)).isEqualTo(6); // about 5 expected counts per bin
        assertThat(Sbc.defaultBins(1, 2)).isEqualTo(2);
    }

    @Test
    void kolmogorovPValueMatchesTheTable() {
        // the 5% critical value of the one-sample KS test is 1.3581/√n for large n
        int n = 100_000;
        assertThat(UniformRankTest.kolmogorovPValue(1.3581 / Math.sqrt(n), n)).isCloseTo(0.05, within(0.001));
        assertThat(UniformRankTest.kolmogorovPValue(1.6276 / Math.sqrt(n), n)).isCloseTo(0.01, within(0.0005));
        assertThat(UniformRankTest.kolmogorovPValue(0.0, n)).isEqualTo(1.0);
    }

    @Test
    void discreteKsTestIsConservativeAndPowerful() {
        // 2000 replicates of N = 100 ranks uniform on {0..5}: the rejection rate at 5% must not exceed 5% (the
        // standard error of a rate of 0.05 over 2000 replicates is 0.005)
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(99L);
        int rejections = 0;
        int replicates = 2000;
        for (int rep = 0; rep < replicates; rep++) {
            int[] ranks = new int[100];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = rng.nextInt(6);
            }
            if (UniformRankTest.ksPValue(ranks, 5) < 0.05) {
                rejections++;
            }
        }
        assertThat((double) rejections / replicates).isLessThan(0.05 + 0.01);
        int[] piled = new int[100];
        Arrays.fill(piled, 50, 100, 5);
        assertThat(UniformRankTest.ksPValue(piled, 5)).isLessThan(1e-6);
    }
}
