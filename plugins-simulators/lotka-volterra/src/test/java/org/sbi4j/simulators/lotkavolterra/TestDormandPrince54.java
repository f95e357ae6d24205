package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sbi4j.simulators.lotkavolterra.DormandPrince54.OutputMode;

/** The shared integrator on problems with known solutions, in both output modes, and its failure reporting. */
class TestDormandPrince54 {

    /** y'' = −y as a first-order system: y = cos t, y' = −sin t from (1, 0). */
    private static final OdeSystem HARMONIC_OSCILLATOR = new OdeSystem() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public void derivatives(double t, double[] y, double[] dydt) {
            dydt[0] = y[1];
            dydt[1] = -y[0];
        }
    };

    /** y' = y², y(0) = 1: y = 1 / (1 − t) explodes at t = 1. */
    private static final OdeSystem BLOW_UP = new OdeSystem() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void derivatives(double t, double[] y, double[] dydt) {
            dydt[0] = y[0] * y[0];
        }
    };

    @ParameterizedTest
    @EnumSource(OutputMode.class)
    void outputsAtTheRequestedTimesMatchTheExactSolution(OutputMode mode) {
        DormandPrince54 solver = new DormandPrince54(HARMONIC_OSCILLATOR, 1e-10, 1e-10, 100_000, 2, mode);
        double[] times = {0, 0.5, 3, 17, 50};
        double[] out = new double[2 * times.length];
        assertThat(solver.integrate(0, new double[] {1, 0}, 50, times, out)).isEqualTo(DormandPrince54.SUCCESS);
        for (int k = 0; k < times.length; k++) {
            assertThat(out[2 * k]).isCloseTo(Math.cos(times[k]), within(1e-8));
            assertThat(out[2 * k + 1]).isCloseTo(-Math.sin(times[k]), within(1e-8));
        }
    }

    @ParameterizedTest
    @EnumSource(OutputMode.class)
    void blowUpIsReportedAsFailure(OutputMode mode) {
        DormandPrince54 solver = new DormandPrince54(BLOW_UP, 1e-8, 1e-8, 10_000, 1, mode);
        int status = solver.integrate(0, new double[] {1}, 2, new double[] {0.5, 2}, new double[2]);
        assertThat(status).isIn(DormandPrince54.STEP_TOO_SMALL, DormandPrince54.TOO_MANY_STEPS);
        // with a budget too small to reach even t = 0.5 the failure is the budget's
        DormandPrince54 tight = new DormandPrince54(BLOW_UP, 1e-8, 1e-8, 3, 1, mode);
        assertThat(tight.integrate(0, new double[] {1}, 2, new double[] {0.5, 2}, new double[2]))
                .isEqualTo(DormandPrince54.TOO_MANY_STEPS);
    }

    @Test
    void steppingToOutputTimesEndsAStepOnEveryOutputTime() {
        // 200 outputs on [0, 1]: free steps (tolerance 1e-6) are far longer than 0.005, so only landing on each
        // output time explains at least 200 steps
        double[] times = new double[200];
        for (int k = 0; k < times.length; k++) {
            times[k] = (k + 1) / 200.0;
        }
        double[] out = new double[2 * times.length];
        DormandPrince54 interpolating = new DormandPrince54(HARMONIC_OSCILLATOR, 1e-6, 1e-6, 100_000, 2);
        DormandPrince54 stepping = new DormandPrince54(HARMONIC_OSCILLATOR, 1e-6, 1e-6, 100_000, 2,
                OutputMode.STEP_TO_OUTPUT_TIMES);
        assertThat(interpolating.integrate(0, new double[] {1, 0}, 1, times, out)).isEqualTo(DormandPrince54.SUCCESS);
        assertThat(interpolating.steps()).isLessThan(50);
        assertThat(stepping.integrate(0, new double[] {1, 0}, 1, times, out)).isEqualTo(DormandPrince54.SUCCESS);
        assertThat(stepping.steps()).isGreaterThanOrEqualTo(times.length);
        for (int k = 0; k < times.length; k++) {
            assertThat(out[2 * k]).isCloseTo(Math.cos(times[k]), within(1e-6));
        }
    }

    @Test
    void invalidConfigurationIsRejected() {
        assertThatThrownBy(() -> new DormandPrince54(HARMONIC_OSCILLATOR, 0, 1e-8, 100, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtol");
        assertThatThrownBy(() -> new DormandPrince54(HARMONIC_OSCILLATOR, 1e-8, Double.NaN, 100, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("atol");
        assertThatThrownBy(() -> new DormandPrince54(HARMONIC_OSCILLATOR, 1e-8, 1e-8, 100, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorDimension");
    }
}
