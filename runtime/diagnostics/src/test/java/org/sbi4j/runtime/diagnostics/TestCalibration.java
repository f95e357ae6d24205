package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;

class TestCalibration {
    private static final int D = 3;
    private static final Prior PRIOR = ConjugateGaussianModel.prior(D);
    private static final Simulator SIMULATOR = ConjugateGaussianModel.simulator(D);

    @Test
    void exactPosteriorPassesEveryCheck() {
        CalibrationSample sample = CalibrationSampler.draw(PRIOR, SIMULATOR, ConjugateGaussianModel.exact(D), 1000,
                200, 41, 2);
        CalibrationReport report = Calibration.analyze(sample, 41);
        assertThat(report.calibrated()).isTrue();
        assertThat(report.simulations()).isEqualTo(1000);
        assertThat(report.draws()).isEqualTo(200);
        assertThat(report.sentences()).hasSize(D + 2);
        assertThat(report.sentences().get(D)).startsWith("expected coverage (hpd)");
        assertThat(report.sentences().get(D + 1)).startsWith("TARP");
    }

    @Test
    void shrunkPosteriorFailsEveryCheck() {
        CalibrationSample sample = CalibrationSampler.draw(PRIOR, SIMULATOR,
                ConjugateGaussianModel.wrong(D, 0.5, 0, false), 1000, 200, 42, 2);
        CalibrationReport report = Calibration.analyze(sample, 42);
        assertThat(report.calibrated()).isFalse();
        assertThat(report.sbc().verdicts()).containsOnly(CalibrationVerdict.OVER_CONFIDENT);
        assertThat(report.coverage().method()).isEqualTo("kde");
        assertThat(report.coverage().verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
        assertThat(report.tarp().verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
    }

    @Test
    void sameReportForAnyThreadCount() {
        Simulator failing = ConjugateGaussianModel.failingSimulator(D, t -> t[2] < -1.2, t -> false);
        CalibrationReport one = Calibration.analyze(CalibrationSampler.draw(PRIOR, failing,
                ConjugateGaussianModel.wrong(D, 0.8, 0.1, true), 400, 100, 43, 1), 43);
        CalibrationReport three = Calibration.analyze(CalibrationSampler.draw(PRIOR, failing,
                ConjugateGaussianModel.wrong(D, 0.8, 0.1, true), 400, 100, 43, 3), 43);
        assertThat(three.invalidSimulations()).isEqualTo(one.invalidSimulations()).isPositive();
        assertThat(three.sbc().ranks()).isDeepEqualTo(one.sbc().ranks());
        assertThat(three.sbc().pValues()).isEqualTo(one.sbc().pValues());
        assertThat(three.coverage().coverage()).isEqualTo(one.coverage().coverage());
        assertThat(three.tarp().coverageFractions()).isEqualTo(one.tarp().coverageFractions());
        assertThat(three.sentences()).isEqualTo(one.sentences());
    }
}
