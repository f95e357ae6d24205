package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/** The ellipticity convention, its clipping and the chain rule back to (e1, e2). */
class TestEllipticity {

    @Test
    void quadraticFormIsTheRotatedEllipticalRadius() {
        UniformRandomProvider rng = SeededRandom.of(4);
        Ellipticity ell = new Ellipticity();
        for (int i = 0; i < 200; i++) {
            double e1 = rng.nextDouble() - 0.5;
            double e2 = rng.nextDouble() - 0.5;
            ell.set(e1, e2, 0.2);
            double phi = 0.5 * Math.atan2(ell.e2, ell.e1);
            double modulus = Math.hypot(ell.e1, ell.e2);
            assertThat(ell.q).isCloseTo((1 - modulus) / (1 + modulus), within(1e-15)).isBetween(0.2, 1.0);
            double dx = rng.nextDouble() - 0.5;
            double dy = rng.nextDouble() - 0.5;
            double xp = Math.cos(phi) * dx + Math.sin(phi) * dy;
            double yp = -Math.sin(phi) * dx + Math.cos(phi) * dy;
            double expected = ell.q * xp * xp + yp * yp / ell.q;
            double form = ell.formA * dx * dx + 2 * ell.formB * dx * dy + ell.formC * dy * dy;
            assertThat(form).isCloseTo(expected, within(1e-14));
            assertThat(ell.cosPhi).isCloseTo(Math.cos(phi), within(1e-15));
            assertThat(ell.sinPhi).isCloseTo(Math.sin(phi), within(1e-15));
        }
    }

    @Test
    void largeEllipticitiesAreClippedRadiallyToTheMinimumAxisRatio() {
        Ellipticity ell = new Ellipticity().set(0.6, 0.8, 0.2);
        assertThat(ell.q).isCloseTo(0.2, within(1e-15));
        assertThat(ell.e1 / ell.e2).isCloseTo(0.75, within(1e-15));
        Ellipticity round = new Ellipticity().set(0, 0, 0.2);
        assertThat(round.q).isEqualTo(1.0);
        assertThat(round.formA).isEqualTo(1.0);
        assertThat(round.formB).isEqualTo(0.0);
        assertThat(round.formC).isEqualTo(1.0);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithAndWithoutClipping() {
        double[][] points = {{0.13, -0.21}, {0.3, 0.05}, {0.6, -0.5}, {-0.45, 0.62}};
        double gA = 0.7;
        double gB = -1.3;
        double gC = 0.4;
        double gq = -0.9;
        double gPhi = 0.35;
        double h = 1e-6;
        for (double[] p : points) {
            double[] form = new double[2];
            double[] angle = new double[2];
            Ellipticity ell = new Ellipticity().set(p[0], p[1], 0.2);
            ell.addFormGradient(gA, gB, gC, form, 0);
            ell.addAxisRatioAngleGradient(gq, gPhi, angle, 0);
            for (int k = 0; k < 2; k++) {
                double[] plus = p.clone();
                double[] minus = p.clone();
                plus[k] += h;
                minus[k] -= h;
                Ellipticity a = new Ellipticity().set(plus[0], plus[1], 0.2);
                Ellipticity b = new Ellipticity().set(minus[0], minus[1], 0.2);
                double fdForm = (gA * (a.formA - b.formA) + gB * (a.formB - b.formB) + gC * (a.formC - b.formC))
                        / (2 * h);
                double phiA = 0.5 * Math.atan2(a.e2, a.e1);
                double phiB = 0.5 * Math.atan2(b.e2, b.e1);
                double fdAngle = (gq * (a.q - b.q) + gPhi * (phiA - phiB)) / (2 * h);
                assertThat(form[k]).as("form gradient at %s, component %d", java.util.Arrays.toString(p), k)
                        .isCloseTo(fdForm, within(1e-7 * (1 + Math.abs(fdForm))));
                assertThat(angle[k]).as("(q, φ) gradient at %s, component %d", java.util.Arrays.toString(p), k)
                        .isCloseTo(fdAngle, within(1e-7 * (1 + Math.abs(fdAngle))));
            }
        }
    }
}
