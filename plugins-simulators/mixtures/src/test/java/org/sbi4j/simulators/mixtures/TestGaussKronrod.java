package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TestGaussKronrod {

    @Test
    void fifteenPointRuleIsExactForPolynomialsUpToDegree22() {
        for (int degree = 0; degree <= 22; degree++) {
            int p = degree;
            double value = GaussKronrod.integrate(x -> Math.pow(x, p), new double[] {-1, 1}, 1, 1);
            double exact = p % 2 == 1 ? 0 : 2.0 / (p + 1);
            assertThat(value).as("∫x^%d", p).isCloseTo(exact, within(1e-15));
        }
    }

    @Test
    void adaptiveRuleResolvesANarrowPeak() {
        double sd = 1e-3;
        double value = GaussKronrod.integrate(x -> Math.exp(-0.5 * (x - 0.3) * (x - 0.3) / (sd * sd)),
                new double[] {0, 0.3, 1}, 1e-13, 4000);
        assertThat(value).isCloseTo(sd * Math.sqrt(2 * Math.PI), within(1e-15));
    }
}
