package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;

class TestTarp {
    private static final int D = 3;
    private static final int N = 1000;
    private static final int L = 200;
    private static final Prior PRIOR = ConjugateGaussianModel.prior(D);
    private static final Simulator SIMULATOR = ConjugateGaussianModel.simulator(D);

    private static TarpResult tarp(Posterior posterior, long seed) {
        CalibrationSample sample = CalibrationSampler.draw(PRIOR, SIMULATOR, posterior, N, L, seed, 2);
        return Tarp.defaults().analyze(sample, seed);
    }

    @Test
    void exactPosteriorFollowsTheDiagonal() {
        TarpResult result = tarp(ConjugateGaussianModel.exact(D), 31);
        // under calibration the ATC is ∫ over [0.5, 1] of a Brownian bridge / √N: s.d. 0.161/√N = 0.0051
        assertThat(result.atc()).isCloseTo(0.0, within(0.02));
        assertThat(result.ksPValue()).isGreaterThan(0.01);
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.CALIBRATED);
        assertThat(result.credibility()).hasSize(101);
        assertThat(result.ecp()[0]).isZero();
        for (int k = 1; k < result.ecp().length; k++) {
            assertThat(result.ecp()[k]).isGreaterThanOrEqualTo(result.ecp()[k - 1]);
            // the ECP is an empirical distribution function: within 4/√N (≈ 3 times the KS 1% bound) of the diagonal
            assertThat(result.ecp()[k]).isCloseTo(result.credibility()[k], within(4 / Math.sqrt(N)));
        }
        assertThat(result.coverageFractions()).hasSize(N);
        assertThat(result.sentence()).startsWith("TARP: calibrated (ATC = ");
    }

    @Test
    void shrunkPosteriorIsFlagged() {
        TarpResult result = tarp(ConjugateGaussianModel.wrong(D, 0.5, 0, true), 32);
        assertThat(result.ksPValue()).isLessThan(1e-6);
        assertThat(result.atc()).isLessThan(-0.03);
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
    }

    @Test
    void widenedPosteriorIsFlagged() {
        TarpResult result = tarp(ConjugateGaussianModel.wrong(D, 2, 0, true), 33);
        assertThat(result.ksPValue()).isLessThan(1e-6);
        assertThat(result.atc()).isGreaterThan(0.03);
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.UNDER_CONFIDENT);
    }

    @Test
    void shiftedPosteriorIsFlagged() {
        // TARP cannot tell bias from over-confidence: θ* lies outside the sample cloud in both cases
        TarpResult result = tarp(ConjugateGaussianModel.wrong(D, 1, 1, true), 34);
        assertThat(result.ksPValue()).isLessThan(1e-6);
        assertThat(result.verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
        assertThat(result.sentence()).startsWith("TARP: over-confident or biased");
    }

    @Test
    void referencePointsDependOnTheSeedOnly() {
        CalibrationSample sample = CalibrationSampler.draw(PRIOR, SIMULATOR, ConjugateGaussianModel.exact(D), 200, 50,
                35, 1);
        TarpResult a = Tarp.defaults().analyze(sample, 1);
        TarpResult b = Tarp.defaults().analyze(sample, 1);
        TarpResult c = Tarp.defaults().analyze(sample, 2);
        assertThat(b.coverageFractions()).isEqualTo(a.coverageFractions());
        assertThat(c.coverageFractions()).isNotEqualTo(a.coverageFractions());
    }
}
