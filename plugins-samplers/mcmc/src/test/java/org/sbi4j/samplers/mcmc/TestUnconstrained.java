package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.sbi4j.api.LogDensity;
import org.junit.jupiter.api.Test;

class TestUnconstrained {
    private static final double[] LO = {Double.NEGATIVE_INFINITY, 1, Double.NEGATIVE_INFINITY, -2};
    private static final double[] HI = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 3, 5};

    /** A smooth density with its gradient on the box (identity, log-lower, log-upper, logit). */
    private static final LogDensity TARGET = Targets.density(4, (t, g) -> {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            s += -0.5 * t[i] * t[i] + 0.3 * t[i];
            g[i] = -t[i] + 0.3;
        }
        return s;
    }, true);

    @Test
    void roundTripsAndChoosesTheTransformFromTheBounds() {
        Unconstrained u = new Unconstrained(TARGET, LO, HI);
        double[] theta = {-0.7, 1.5, 2.2, 4.9};
        double[] back = u.toConstrained(u.toUnconstrained(theta));
        for (int i = 0; i < 4; i++) {
            assertThat(back[i]).isCloseTo(theta[i], within(1e-12));
        }
        assertThat(u.toUnconstrained(new double[] {0, 0.5, 2, 0})[1]).isNaN();
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheDensityWithItsJacobian() {
        Unconstrained u = new Unconstrained(TARGET, LO, HI);
        double[] x = {0.3, -0.4, 0.8, 1.7};
        double[][] g = new double[1][4];
        double lp = u.logDensityGradient(new double[][] {x}, g)[0];
        assertThat(lp).isCloseTo(u.logDensity(new double[][] {x})[0], within(1e-12));
        for (int i = 0; i < 4; i++) {
            double fd = centralDifference(x, i, v -> u.logDensity(new double[][] {v})[0]);
            assertThat(g[0][i]).as("coordinate %d", i).isCloseTo(fd, within(1e-6));
        }
    }

    @Test
    void logJacobianIsTheLogDerivativeOfTheMap() {
        Unconstrained u = new Unconstrained(TARGET, LO, HI);
        double[] x = {0.3, -0.4, 0.8, 1.7};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            int k = i;
            expected += Math.log(Math.abs(centralDifference(x, i, v -> u.toConstrained(v)[k])));
        }
        assertThat(u.logJacobian(x)).isCloseTo(expected, within(1e-6));
        double[] theta = u.toConstrained(x);
        assertThat(u.logDensity(new double[][] {x})[0])
                .isCloseTo(TARGET.logDensity(new double[][] {theta})[0] + expected, within(1e-6));
    }

    @Test
    void pointsThatRoundOntoABoundHaveZeroDensity() {
        Unconstrained u = new Unconstrained(TARGET, LO, HI);
        assertThat(u.logDensity(new double[][] {{0, 0, 0, 60}})[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(u.logDensity(new double[][] {{0, -800, 0, 0}})[0]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    private static double centralDifference(double[] x, int i, java.util.function.ToDoubleFunction<double[]> f) {
        double h = 1e-6;
        double[] up = x.clone();
        double[] down = x.clone();
        up[i] += h;
        down[i] -= h;
        return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
    }
}
