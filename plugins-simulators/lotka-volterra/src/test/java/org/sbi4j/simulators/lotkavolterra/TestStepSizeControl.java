package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The approximate log₂ and 2ˣ of the step-size controller are accurate, continuous and exact at the knots. */
class TestStepSizeControl {

    @Test
    void approximationsAreAccurate() {
        for (double x = 1e-12; x < 1e6; x *= 1.013) {
            assertThat(StepSizeControl.log2(x)).isCloseTo(Math.log(x) / Math.log(2), within(1.2e-3));
        }
        for (double y = -40; y < 40; y += 0.0137) {
            assertThat(StepSizeControl.exp2(y) / Math.pow(2, y)).isCloseTo(1.0, within(1.3e-4));
        }
        assertThat(StepSizeControl.log2(8.0)).isEqualTo(3.0);
        assertThat(StepSizeControl.exp2(-3.0)).isEqualTo(0.125);
    }

    @Test
    void approximationsAreContinuousAtTheKnots() {
        for (int k = -20; k <= 20; k++) {
            double knot = Math.scalb(1.0, k);
            assertThat(StepSizeControl.log2(Math.nextDown(knot))).isCloseTo(k, within(1e-12));
            assertThat(StepSizeControl.exp2(Math.nextDown((double) k)) / Math.scalb(1.0, k)).isCloseTo(1.0,
                    within(1e-12));
        }
    }

    @Test
    void ratiosStayWithinTheirLimits() {
        assertThat(StepSizeControl.acceptedRatio(StepSizeControl.log2Error(0), 0, false)).isEqualTo(10.0);
        assertThat(StepSizeControl.acceptedRatio(StepSizeControl.log2Error(1), 0, true)).isLessThanOrEqualTo(1.0);
        assertThat(StepSizeControl.rejectedRatio(Double.NaN)).isEqualTo(0.2);
        assertThat(StepSizeControl.rejectedRatio(Double.POSITIVE_INFINITY)).isEqualTo(0.2);
        assertThat(StepSizeControl.rejectedRatio(1.5)).isBetween(0.2, 0.9);
    }
}
