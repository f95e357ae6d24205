package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;

class TestExpectedCoverage {
    private static final int D = 3;
    private static final int N = 1000;
    private static final int L = 200;
    // 19 strongly correlated levels: 3.5 s.e. is the two-sided Bonferroni bound for 1% over 19 levels
    private static final double Z = 3.5;
    private static final Prior PRIOR = ConjugateGaussianModel.prior(D);
    private static final Simulator SIMULATOR = ConjugateGaussianModel.simulator(D);

    private static CalibrationSample exact;

    @BeforeAll
    static void drawExact() {
        exact = draw(ConjugateGaussianModel.exact(D), 21);
    }

    private static CalibrationSample draw(Posterior posterior, long seed) {
        return CalibrationSampler.draw(PRIOR, SIMULATOR, posterior, N, L, seed, 2);
    }

    @Test
    void exactPosteriorFollowsTheDiagonal() {
        CoverageResult result = ExpectedCoverage.defaults().analyze(exact);
        assertThat(result.method()).isEqualTo("hpd");
        assertThat(result.levels()).hasSize(19).startsWith(0.05).endsWith(0.95);
        for (int k = 0; k < result.levels().length; k++) {
            assertThat(result.expected()[k]).isCloseTo(result.levels()[k], within(1.0 / (L + 1)));
            assertThat(result.standardErrors()[k])
                    .isCloseTo(Math.sqrt(result.levels()[k] * (1 - result.levels()[k]) / N), within(1e-15));
            assertThat(result.coverage()[k])
                    .isCloseTo(result.expected()[k], within(Z * result.standardErrors()[k]));
        }
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.CALIBRATED);
        assertThat(result.sentence()).startsWith("expected coverage (hpd): calibrated; the largest deviation is at "
                + "credibility ");
    }

    @Test
    void shrunkPosteriorCoversTooLittle() {
        // spread × 0.5 in 3-d: the 50% HPD region holds θ* with probability F_χ²₃(2.366/4) = 0.10
        CoverageResult result = ExpectedCoverage.defaults().analyze(draw(ConjugateGaussianModel.wrong(D, 0.5, 0, true),
                22));
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
        for (int k = 2; k < result.levels().length; k++) {
            assertThat(result.coverage()[k]).isLessThan(result.expected()[k] - Z * result.standardErrors()[k]);
        }
        assertThat(result.coverage()[9]).isCloseTo(0.10, within(0.03));
        assertThat(result.sentence()).contains("over-confident").contains("z = -");
    }

    @Test
    void widenedPosteriorCoversTooMuch() {
        CoverageResult result = ExpectedCoverage.defaults().analyze(draw(ConjugateGaussianModel.wrong(D, 2, 0, true),
                23));
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.UNDER_CONFIDENT);
        assertThat(result.worstZ()).isGreaterThan(Z);
        assertThat(result.coverage()[9]).isGreaterThan(0.9);
    }

    @Test
    void shiftedPosteriorCoversTooLittle() {
        CoverageResult result = ExpectedCoverage.defaults().analyze(draw(ConjugateGaussianModel.wrong(D, 1, 1, true),
                24));
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
    }

    @Test
    void kernelDensityFallbackWithoutDensity() {
        CalibrationSample noDensity = draw(ConjugateGaussianModel.wrong(D, 1, 0, false), 25);
        CoverageResult result = ExpectedCoverage.defaults().analyze(noDensity);
        assertThat(result.method()).isEqualTo("kde");
        for (int k = 0; k < result.levels().length; k++) {
            assertThat(result.coverage()[k])
                    .isCloseTo(result.expected()[k], within(Z * result.standardErrors()[k]));
        }
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.CALIBRATED);

        CoverageResult shrunk = ExpectedCoverage.defaults()
                .analyze(draw(ConjugateGaussianModel.wrong(D, 0.5, 0, false), 26));
        assertThat(shrunk.method()).isEqualTo("kde");
        assertThat(shrunk.verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
    }

    @Test
    void mahalanobisEllipsoidsWithoutDensity() {
        CalibrationSample noDensity = draw(ConjugateGaussianModel.wrong(D, 1, 0, false), 25);
        CoverageResult result = ExpectedCoverage.defaults().withMethod(ExpectedCoverage.Method.MAHALANOBIS).analyze(noDensity);
        assertThat(result.method()).isEqualTo("mahalanobis");
        for (int k = 0; k < result.levels().length; k++) {
            assertThat(result.coverage()[k])
                    .isCloseTo(result.expected()[k], within(Z * result.standardErrors()[k]));
        }
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.CALIBRATED);

        CoverageResult shrunk = ExpectedCoverage.defaults().withMethod(ExpectedCoverage.Method.MAHALANOBIS)
                .analyze(draw(ConjugateGaussianModel.wrong(D, 0.5, 0, false), 26));
        assertThat(shrunk.method()).isEqualTo("mahalanobis");
        assertThat(shrunk.verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
    }

    @Test
    void mahalanobisAgreesWithHpdForAGaussianPosterior() {
        // for a Gaussian posterior both orderings are by distance to the mean; they differ only by the estimated
        // moments (L = 200 draws in 3-d), measured at a mean difference of about 6 draws in the count
        CoverageResult hpd = ExpectedCoverage.defaults().analyze(exact);
        CoverageResult mahalanobis = ExpectedCoverage.defaults().withMethod(ExpectedCoverage.Method.MAHALANOBIS)
                .analyze(exact);
        assertThat(mahalanobis.method()).isEqualTo("mahalanobis");
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += Math.abs(hpd.centralCounts()[i] - mahalanobis.centralCounts()[i]);
        }
        assertThat(sum / N).isLessThan(0.05 * L);
    }

    @Test
    void mahalanobisUsesTheCovarianceOfACorrelatedPosterior() {
        // draws y = A z with A = [[10, 0], [3, 0.1]], z ~ N(0, I): a thin, tilted ellipse. θ* = A (1, 0.5) has
        // squared Mahalanobis distance 1.25, so about L (1 − e^(−0.625)) = 46.5% of the draws are more central.
        // Euclidean distance would rank θ* almost by its first coordinate alone and count about 68%
        int draws = 20_000;
        org.apache.commons.rng.UniformRandomProvider rng =
                org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(5L);
        org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian normal =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        double[][][] samples = new double[2][draws][];
        int exactCount = 0;
        for (int l = 0; l < draws; l++) {
            double z1 = normal.sample();
            double z2 = normal.sample();
            samples[0][l] = new double[] {10 * z1, 3 * z1 + 0.1 * z2};
            samples[1][l] = samples[0][l];
            if (z1 * z1 + z2 * z2 < 1.25) {
                exactCount++;
            }
        }
        double[] truth = {10 * 1.0, 3 * 1.0 + 0.1 * 0.5};
        CalibrationSample sample = new CalibrationSample(java.util.List.of("a", "b"), new double[][] {truth, truth},
                new double[][] {{0}, {0}}, samples, null, null, 0);
        int[] counts = ExpectedCoverage.mahalanobisCounts(sample);
        // moments from 20,000 draws: the count moves by well under 1% of L
        assertThat((double) counts[0] / draws).isCloseTo((double) exactCount / draws, within(0.01));
        assertThat((double) exactCount / draws).isCloseTo(1 - Math.exp(-0.625), within(0.01));
    }

    @Test
    void customLevelsAndHpdWithoutDensity() {
        CoverageResult result = ExpectedCoverage.defaults().withLevels(0.9, 0.5).analyze(exact);
        assertThat(result.levels()).containsExactly(0.5, 0.9);
        CalibrationSample noDensity = new CalibrationSample(exact.parameterNames(), exact.thetaTrue(),
                exact.observations(), exact.posteriorSamples(), null, null, 0);
        assertThatThrownBy(() -> ExpectedCoverage.defaults().withMethod(ExpectedCoverage.Method.HPD)
                .analyze(noDensity)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mahalanobis");
        assertThatThrownBy(() -> ExpectedCoverage.defaults().withLevels(0.5, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
    }
}
