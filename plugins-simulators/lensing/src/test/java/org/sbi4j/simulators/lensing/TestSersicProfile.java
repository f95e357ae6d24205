package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.junit.jupiter.api.Test;

/** b_n, its derivative and the normalisation I(R_e) = I_e of the Sérsic profile. */
class TestSersicProfile {

    @Test
    void bnPutsHalfTheLightInsideTheEffectiveRadius() {
        // the series is asymptotic: its error falls quickly with n (7e-4 in the light fraction at n = 0.5)
        for (double n = 0.5; n <= 8; n += 0.25) {
            double bn = SersicProfile.bn(n);
            assertThat(RegularizedGamma.P.value(2 * n, bn)).as("γ(2n, b_n)/Γ(2n) at n = %s", n)
                    .isCloseTo(0.5, within(n < 2 ? 1e-3 : 2e-6));
            double h = 1e-6;
            double fd = (SersicProfile.bn(n + h) - SersicProfile.bn(n - h)) / (2 * h);
            assertThat(SersicProfile.bnDerivative(n)).isCloseTo(fd, within(1e-8));
        }
        assertThat(SersicProfile.bn(4)).isCloseTo(7.669, within(1e-3));
        assertThat(SersicProfile.bn(1)).isCloseTo(1.678, within(1e-3));
    }

    @Test
    void surfaceBrightnessAtTheEffectiveRadiusIsTheAmplitude() {
        double log10Amplitude = 0.7;
        double radius = 0.4;
        SersicProfile profile = new SersicProfile(0.2, 1).set(log10Amplitude, radius, 2.5, 0.2, -0.1, 0.1, -0.2);
        Ellipticity ell = new Ellipticity().set(0.2, -0.1, 0.2);
        // the point on the major axis with q·x'² + ε² = R_e²
        double xp = Math.sqrt((radius * radius - SersicProfile.SOFTENING * SersicProfile.SOFTENING) / ell.q);
        double x = 0.1 + ell.cosPhi * xp;
        double y = -0.2 + ell.sinPhi * xp;
        assertThat(profile.value(x, y)).isCloseTo(Math.pow(10, log10Amplitude), within(1e-12));
        // the softened centre, R = ε: I_e·exp(b_n[1 − (ε/R_e)^{1/n}])
        double bn = SersicProfile.bn(2.5);
        double expected = Math.pow(10, log10Amplitude)
                * Math.exp(bn * (1 - Math.pow(SersicProfile.SOFTENING / radius, 1 / 2.5)));
        assertThat(profile.value(0.1, -0.2)).isCloseTo(expected, within(1e-12 * expected));
    }
}
