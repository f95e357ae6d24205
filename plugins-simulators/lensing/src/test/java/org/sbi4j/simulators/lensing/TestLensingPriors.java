package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Prior;
import org.sbi4j.testing.PriorContract;
import org.sbi4j.testing.SeededRandom;

/** The default 21-parameter prior and the truncated-normal prior. */
class TestLensingPriors {

    @Nested
    class DefaultPriorContract extends PriorContract {
        @Override
        protected Prior createPrior() {
            return new LensingSimulator().defaultPrior().orElseThrow();
        }
    }

    @Nested
    class TruncatedNormalContract extends PriorContract {
        @Override
        protected Prior createPrior() {
            return new TruncatedNormalPrior(new double[] {0, 1}, new double[] {0.2, 2}, new double[] {-0.5, 0},
                    new double[] {0.5, 3}, List.of("a", "b"));
        }
    }

    @Test
    void boundsFollowTheTable() {
        Prior prior = new LensingSimulator().defaultPrior().orElseThrow();
        double inf = Double.POSITIVE_INFINITY;
        assertThat(prior.lowerBounds()).containsExactly(0.5, -inf, -inf, -0.5, -0.5, -0.2, -0.2, 0.0, 0.05, 0.5,
                -0.5, -0.5, -0.5, -0.5, -0.5, 0.3, 2.0, -0.5, -0.5, -inf, -inf);
        assertThat(prior.upperBounds()).containsExactly(2.0, inf, inf, 0.5, 0.5, 0.2, 0.2, 1.0, 0.5, 4.0, 0.5, 0.5,
                0.5, 0.5, 0.5, 2.0, 6.0, 0.5, 0.5, inf, inf);
    }

    @Test
    void truncatedNormalHasTheRightMomentsAndNormalisation() {
        TruncatedNormalPrior prior = new TruncatedNormalPrior(new double[] {0}, new double[] {0.2},
                new double[] {-0.5}, new double[] {0.5}, List.of("e"));
        int n = 40_000;
        double[][] draws = prior.sample(n, SeededRandom.of(8));
        double sum = 0;
        double sum2 = 0;
        for (double[] d : draws) {
            sum += d[0];
            sum2 += d[0] * d[0];
        }
        // N(0, 0.2²) truncated at ±2.5σ has sd 0.2·√(1 − 2·2.5·φ(2.5)/(2Φ(2.5) − 1)) = 0.1896
        double sd = Math.sqrt(sum2 / n);
        assertThat(sum / n).isCloseTo(0, within(4 * 0.19 / Math.sqrt(n)));
        assertThat(sd).isCloseTo(0.1896, within(0.003));
        // the density integrates to 1 on [−0.5, 0.5] (trapezoid rule)
        double integral = 0;
        int steps = 10_000;
        for (int i = 0; i <= steps; i++) {
            double x = -0.5 + i / (double) steps;
            double w = i == 0 || i == steps ? 0.5 : 1;
            integral += w * Math.exp(prior.logDensity(new double[] {x})) / steps;
        }
        assertThat(integral).isCloseTo(1, within(1e-6));
    }

    /** The default prior has a gradient (NUTS and HMC need it), equal to central differences of its log density. */
    @Test
    void defaultPriorGradientMatchesFiniteDifferences() {
        Prior prior = new LensingSimulator().defaultPrior().orElseThrow();
        assertThat(prior.hasGradient()).isTrue();
        double[][] draws = prior.sample(3, SeededRandom.of(17));
        for (double[] theta : draws) {
            double[] gradient = new double[theta.length];
            assertThat(prior.logDensityGradient(theta, gradient)).isEqualTo(prior.logDensity(theta));
            for (int j = 0; j < theta.length; j++) {
                double h = 1e-6;
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[j] += h;
                down[j] -= h;
                double numeric = (prior.logDensity(up) - prior.logDensity(down)) / (2 * h);
                assertThat(gradient[j]).as("component %d", j).isCloseTo(numeric, within(1e-5 * (1 + Math.abs(numeric))));
            }
        }
    }
}
