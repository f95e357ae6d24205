package org.sbi4j.estimators.lwf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/** Self-normalised weights in log space, the effective sample size, tempering and compression. */
class TestWeightedDraws {

    private static double[][] grid(int m) {
        double[][] theta = new double[m][];
        for (int i = 0; i < m; i++) {
            theta[i] = new double[] {-5 + 10.0 * i / (m - 1)};
        }
        return theta;
    }

    /** log L of a N(1, 0.05²) likelihood, far below double range for most of the grid. */
    private static double[] narrowLogLikelihood(double[][] theta) {
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double z = (theta[i][0] - 1) / 0.05;
            out[i] = -0.5 * z * z - 2000; // the constant must not matter
        }
        return out;
    }

    @Test
    void weightsAreNormalisedInLogSpaceAndKeptExactlyWhenFew() {
        double[][] theta = grid(1001);
        WeightedDraws d = WeightedDraws.weigh(theta, narrowLogLikelihood(theta), new double[1001], false, 10, 2000,
                SeededRandom.of(1));
        double sum = 0;
        double mean = 0;
        for (int i = 0; i < d.size(); i++) {
            sum += d.weights()[i];
            mean += d.weights()[i] * d.theta()[i][0];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat(mean).isCloseTo(1.0, within(1e-9));
        // grid spacing 0.01 against sd 0.05: Kish ESS = 2·sqrt(π)·0.05/0.01 ≈ 17.7
        assertThat(d.ess()).isCloseTo(2 * Math.sqrt(Math.PI) * 5, within(0.1));
        assertThat(d.beta()).isEqualTo(1.0);
    }

    @Test
    void temperingLiftsACollapsedEffectiveSampleSizeToTwiceTheThreshold() {
        double[][] theta = grid(1001);
        double[] logL = narrowLogLikelihood(theta);
        WeightedDraws d = WeightedDraws.weigh(theta, logL, new double[1001], true, 40, 5000, SeededRandom.of(1));
        assertThat(d.ess()).as("untempered ESS is reported").isLessThan(40);
        assertThat(d.beta()).isBetween(0.0, 1.0);
        double s2 = 0;
        for (double w : d.weights()) {
            s2 += w * w;
        }
        assertThat(1 / s2).as("ESS of the tempered weights").isCloseTo(80, within(0.5));
    }

    @Test
    void compressionIsASystematicResampleThatKeepsTheMean() {
        UniformRandomProvider rng = SeededRandom.of(2);
        int m = 5000;
        double[][] theta = new double[m][];
        double[] logL = new double[m];
        for (int i = 0; i < m; i++) {
            theta[i] = new double[] {rng.nextDouble() * 4 - 2};
            logL[i] = -theta[i][0] * theta[i][0];
        }
        WeightedDraws full = WeightedDraws.weigh(theta, logL, new double[m], false, 10, m, SeededRandom.of(3));
        WeightedDraws kept = WeightedDraws.weigh(theta, logL, new double[m], false, 10, 64, SeededRandom.of(3));
        assertThat(kept.size()).isLessThanOrEqualTo(64);
        assertThat(kept.ess()).isEqualTo(full.ess());
        double a = 0;
        double b = 0;
        double weightSum = 0;
        for (int i = 0; i < full.size(); i++) {
            a += full.weights()[i] * full.theta()[i][0] * full.theta()[i][0];
        }
        for (int i = 0; i < kept.size(); i++) {
            b += kept.weights()[i] * kept.theta()[i][0] * kept.theta()[i][0];
            weightSum += kept.weights()[i];
            assertThat(kept.weights()[i] * 64).isCloseTo(Math.rint(kept.weights()[i] * 64), within(1e-9));
        }
        assertThat(weightSum).isCloseTo(1.0, within(1e-12));
        // E[θ²] under N(0, 1/2) truncated to [−2, 2] ≈ 0.48; 64 systematic points are within a few percent
        assertThat(b).isCloseTo(a, within(0.05));
    }

    @Test
    void drawsOutsideTheSupportGetNoWeight() {
        double[][] theta = grid(11);
        double[] ratio = new double[11];
        ratio[0] = Double.NEGATIVE_INFINITY;
        double[] logL = new double[11];
        logL[0] = Double.POSITIVE_INFINITY; // −∞ + ∞ must not poison the sum
        WeightedDraws d = WeightedDraws.weigh(theta, logL, ratio, false, 1, 100, SeededRandom.of(1));
        assertThat(d.size()).isEqualTo(10);
        assertThat(d.ess()).isCloseTo(10, within(1e-9));
    }
}
