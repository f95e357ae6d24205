package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TestNormalTails {

    /** log Φ̄(z) from mpmath at 40 digits. */
    @Test
    void upperTailMatchesHighPrecisionValues() {
        double[][] reference = {
            {0, -0.6931471805599453094172321},
            {0.5, -1.175911761593618608879729},
            {1, -1.841021645009263505770783},
            {3, -6.607726221510349543276077},
            {5, -15.0649983939887257360837},
            {10, -53.23128515051247057834703},
            {19.99, -203.7167077172084040406015},
            {20, -203.9171553710972639368045},
            {20.01, -204.1177027786599326060136},
            {30, -454.3212439563431971073558},
            {50, -1254.831361139419901254133},
            {200, -20006.2172808981904020931}};
        for (double[] r : reference) {
            assertThat(NormalTails.logUpperTail(r[0])).as("log upper tail at %s", r[0])
                    .isCloseTo(r[1], within(1e-13 * Math.max(1, Math.abs(r[1]))));
        }
    }

    @Test
    void lowerHalfAndSymmetry() {
        assertThat(NormalTails.logUpperTail(-1)).isCloseTo(Math.log1p(-Math.exp(-1.841021645009263505770783)),
                within(1e-15));
        assertThat(NormalTails.logMass(-1, 2)).isCloseTo(-0.2001662943244625799492018, within(1e-14));
        assertThat(NormalTails.logMass(-2, 1)).isCloseTo(NormalTails.logMass(-1, 2), within(1e-15));
        assertThat(NormalTails.logMass(3, 3.5)).isCloseTo(-6.796868006683432765931, within(1e-13));
        assertThat(NormalTails.logMass(-3.5, -3)).isCloseTo(-6.796868006683432765931, within(1e-13));
    }

    @Test
    void farTailIntervalsDoNotUnderflow() {
        // log(Φ(−40) − Φ(−41)) from mpmath
        assertThat(NormalTails.logMass(40, 41)).isCloseTo(-804.6084420137537881691, within(1e-11));
        assertThat(NormalTails.logMass(-41, -40)).isCloseTo(-804.6084420137537881691, within(1e-11));
        assertThat(NormalTails.logMass(1e4, Double.POSITIVE_INFINITY)).isFinite();
        assertThat(NormalTails.logMass(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).isEqualTo(0.0);
    }

    @Test
    void scaledMassIsTheMassOverThePeakValue() {
        // ∫ₐᵇ exp(−(z² − a²)/2) dz = √(2π)(Φ(b) − Φ(a)) e^{a²/2}
        double a = 2.5;
        double b = 3.5;
        double expected = NormalTails.LOG_SQRT_2PI + NormalTails.logMass(a, b) + 0.5 * a * a;
        assertThat(NormalTails.logScaledMass(a, b)).isCloseTo(expected, within(1e-14));
        assertThat(NormalTails.logScaledMass(-b, -a)).isCloseTo(expected, within(1e-14));
        assertThat(NormalTails.logScaledMass(-1, 1)).isCloseTo(NormalTails.LOG_SQRT_2PI + NormalTails.logMass(-1, 1),
                within(1e-15));
    }
}
