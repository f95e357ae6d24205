package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/** The inlinable exp, log and atan agree with the JDK to a few units in the last place. */
class TestElementary {
    private static final int DRAWS = 200_000;

    @Test
    void expIsAccurateOverItsRange() {
        UniformRandomProvider rng = SeededRandom.of(1);
        double worst = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = (2 * rng.nextDouble() - 1) * 700;
            worst = Math.max(worst, Math.abs(Elementary.exp(x) / Math.exp(x) - 1));
            double small = (2 * rng.nextDouble() - 1) * 2;
            worst = Math.max(worst, Math.abs(Elementary.exp(small) / Math.exp(small) - 1));
        }
        assertThat(worst).isLessThan(1e-15);
        assertThat(Elementary.exp(0)).isEqualTo(1.0);
        assertThat(Elementary.exp(-800)).isZero();
        assertThat(Elementary.exp(-Double.MAX_VALUE)).isZero();
        assertThat(Elementary.exp(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Elementary.exp(Double.NaN)).isNaN();
    }

    @Test
    void logIsAccurateOverItsRange() {
        UniformRandomProvider rng = SeededRandom.of(2);
        double worst = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = Math.exp((2 * rng.nextDouble() - 1) * 200);
            worst = Math.max(worst, Math.abs(Elementary.log(x) - Math.log(x)) / Math.max(1, Math.abs(Math.log(x))));
            double near = 1 + (2 * rng.nextDouble() - 1) * 1e-3;
            worst = Math.max(worst, Math.abs(Elementary.log(near) - Math.log(near)));
        }
        assertThat(worst).isLessThan(1e-15);
        assertThat(Elementary.log(1)).isZero();
        assertThat(Elementary.log(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Elementary.log(-1)).isNaN();
        assertThat(Elementary.log(Double.MIN_VALUE)).isEqualTo(Math.log(Double.MIN_VALUE));
        assertThat(Elementary.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void atanIsAccurateOverItsRange() {
        UniformRandomProvider rng = SeededRandom.of(3);
        double worst = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = (2 * rng.nextDouble() - 1) * Math.exp((2 * rng.nextDouble() - 1) * 10);
            worst = Math.max(worst, Math.abs(Elementary.atan(x) / Math.atan(x) - 1));
        }
        assertThat(worst).isLessThan(1e-15);
        assertThat(Elementary.atan(0)).isZero();
        assertThat(Elementary.atan(1)).isCloseTo(Math.PI / 4, org.assertj.core.data.Offset.offset(1e-16));
        assertThat(Elementary.atan(Double.POSITIVE_INFINITY)).isEqualTo(Math.PI / 2);
        assertThat(Elementary.atan(Double.NEGATIVE_INFINITY)).isEqualTo(-Math.PI / 2);
        assertThat(Elementary.atan(Double.NaN)).isNaN();
    }
}
