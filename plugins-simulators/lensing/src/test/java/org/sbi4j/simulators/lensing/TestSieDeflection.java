package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SIE deflection: ∇·α = 2κ, ∇×α = 0, symmetry, and continuity of the SIS limit. */
class TestSieDeflection {
    private static final double THETA_E = 1.3;
    private static final double[][] POINTS = {{0.7, 0.2}, {-0.4, 0.9}, {1.5, -1.1}, {0.1, -0.3}, {-2.0, -0.5}};

    /** (e1, e2) of axis ratio q at position angle φ = 0.35 rad (2φ = 0.7). */
    private static double[] ellipticity(double q) {
        double modulus = (1 - q) / (1 + q);
        return new double[] {modulus * Math.cos(0.7), modulus * Math.sin(0.7)};
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.6, 0.9, 0.99})
    void divergenceIsTwiceTheConvergenceAndTheCurlVanishes(double q) {
        double[] e = ellipticity(q);
        // the shear is trace-free and curl-free, so it changes neither
        MassModel mass = new MassModel(0.2, 1).set(THETA_E, 0.05, -0.1, e[0], e[1], 0.03, -0.02);
        assertThat(mass.axisRatio()).isCloseTo(q, within(1e-12));
        double h = 1e-5;
        for (double[] p : POINTS) {
            double[] xp = mass.deflection(p[0] + h, p[1]);
            double[] xm = mass.deflection(p[0] - h, p[1]);
            double[] yp = mass.deflection(p[0], p[1] + h);
            double[] ym = mass.deflection(p[0], p[1] - h);
            double divergence = (xp[0] - xm[0] + yp[1] - ym[1]) / (2 * h);
            double curl = (xp[1] - xm[1] - yp[0] + ym[0]) / (2 * h);
            double twoKappa = 2 * mass.convergence(p[0], p[1]);
            // central differences: truncation ~h²·θ_E/r³ ≈ 1e-9, rounding ~1e-16/h ≈ 1e-11
            assertThat(divergence).as("∇·α at %s, q = %s", java.util.Arrays.toString(p), q)
                    .isCloseTo(twoKappa, within(1e-8 * twoKappa));
            assertThat(curl).as("∇×α at %s, q = %s", java.util.Arrays.toString(p), q)
                    .isCloseTo(0, within(1e-8 * twoKappa));
        }
    }

    @Test
    void deflectionIsOddAboutTheCentreAndHasTheEinsteinRadiusScale() {
        double[] e = ellipticity(0.6);
        MassModel mass = new MassModel(0.2, 1).set(THETA_E, 0, 0, e[0], e[1], 0, 0);
        for (double[] p : POINTS) {
            double[] a = mass.deflection(p[0], p[1]);
            double[] b = mass.deflection(-p[0], -p[1]);
            assertThat(a[0]).isCloseTo(-b[0], within(1e-14));
            assertThat(a[1]).isCloseTo(-b[1], within(1e-14));
            // an isothermal deflection has a constant size along each direction, between θ_E√q and θ_E/√q
            double size = Math.hypot(a[0], a[1]);
            assertThat(size).isBetween(THETA_E * Math.sqrt(0.6), THETA_E / Math.sqrt(0.6));
            double[] far = mass.deflection(10 * p[0], 10 * p[1]);
            assertThat(far[0]).isCloseTo(a[0], within(1e-12));
            assertThat(far[1]).isCloseTo(a[1], within(1e-12));
        }
    }

    @Test
    void sisLimitIsContinuous() {
        MassModel sis = new MassModel(0.2, 1).set(THETA_E, 0.05, -0.1, 0, 0, 0, 0);
        assertThat(sis.isSis()).isTrue();
        double[] previous = null;
        for (double oneMinusQ : new double[] {1e-1, 1e-2, 1e-3, 2e-4, 1.0001e-4}) {
            double[] e = ellipticity(1 - oneMinusQ);
            MassModel mass = new MassModel(0.2, 1).set(THETA_E, 0.05, -0.1, e[0], e[1], 0, 0);
            assertThat(mass.isSis()).isFalse();
            double worst = 0;
            for (double[] p : POINTS) {
                double[] a = mass.deflection(p[0], p[1]);
                double dx = p[0] - 0.05;
                double dy = p[1] + 0.1;
                double r = Math.hypot(dx, dy);
                worst = Math.max(worst, Math.hypot(a[0] - THETA_E * dx / r, a[1] - THETA_E * dy / r));
                double[] s = sis.deflection(p[0], p[1]);
                assertThat(s[0]).isCloseTo(THETA_E * dx / r, within(1e-14));
                assertThat(s[1]).isCloseTo(THETA_E * dy / r, within(1e-14));
            }
            // the SIE approaches the SIS linearly in 1 − q
            assertThat(worst).as("|α_SIE − α_SIS| at 1 − q = %s", oneMinusQ).isLessThan(THETA_E * oneMinusQ);
            if (previous != null && previous[0] > 5e-4) {
                assertThat(worst / oneMinusQ).isCloseTo(previous[1] / previous[0], within(0.25 * previous[1] / previous[0]));
            }
            previous = new double[] {oneMinusQ, worst};
        }
        // just below the threshold the SIS form is used: the jump is below θ_E·1e-4
        double[] e = ellipticity(1 - 0.9999e-4);
        MassModel below = new MassModel(0.2, 1).set(THETA_E, 0.05, -0.1, e[0], e[1], 0, 0);
        double[] e2 = ellipticity(1 - 1.0001e-4);
        MassModel above = new MassModel(0.2, 1).set(THETA_E, 0.05, -0.1, e2[0], e2[1], 0, 0);
        assertThat(below.isSis()).isTrue();
        for (double[] p : POINTS) {
            double[] a = below.deflection(p[0], p[1]);
            double[] b = above.deflection(p[0], p[1]);
            assertThat(Math.hypot(a[0] - b[0], a[1] - b[1])).isLessThan(THETA_E * 1e-4);
        }
    }
}
