package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/**
 * The sign-symmetric likelihood N(x; θ², σ²I) is normalised in x (midpoint grid, h = σ/5) and describes the
 * simulator: means and variances of 2·10⁵ simulations within 3 standard errors, and a chi-square test.
 */
class TestSignSymmetricLikelihood {

    @Test
    void likelihoodIsNormalisedAndDescribesTheSimulator() {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(2, 0.1, 3);
        double[] theta = {-1.3, 0.4};
        GridChecks grid = new GridChecks(x -> simulator.logLikelihood(theta, x),
                new double[] {1.69 - 1, 0.16 - 1}, 0.02, 100);
        assertThat(grid.total()).isCloseTo(1, within(1e-12));
        assertThat(grid.mean()).containsExactly(new double[] {1.69, 0.16}, within(1e-12));
        double[][] thetas = new double[200_000][];
        Arrays.fill(thetas, theta);
        double[][] x = GridChecks.validRows(simulator.simulate(thetas, SeededRandom.of(3)));
        for (int j = 0; j < 2; j++) {
            int column = j;
            double mean = Arrays.stream(x).mapToDouble(row -> row[column]).average().orElseThrow();
            double variance = Arrays.stream(x).mapToDouble(row -> (row[column] - mean) * (row[column] - mean))
                    .sum() / x.length;
            // SE of the mean σ/√n; SE of the variance σ²√(2/n) for a normal
            assertThat(mean).isCloseTo(theta[j] * theta[j], within(3 * 0.1 / Math.sqrt(x.length)));
            assertThat(variance).isCloseTo(0.01, within(3 * 0.01 * Math.sqrt(2.0 / x.length)));
        }
        grid.assertHistogramMatches(x, 5, "sign-symmetric simulations");
    }

    @Test
    void threeDimensionalLikelihoodIsNormalised() {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(3, 0.1, 3);
        double[] theta = {0.5, -2, 1};
        GridChecks grid = new GridChecks(x -> simulator.logLikelihood(theta, x),
                new double[] {0.25 - 1, 4 - 1, 1 - 1}, 0.025, 80);
        assertThat(grid.total()).isCloseTo(1, within(1e-12));
    }

    @Test
    void gradientAndVectorJacobianProductMatchFiniteDifferences() {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(3, 0.1, 3);
        double[] theta = {0.5, -2, 1.2};
        double[] x = {0.3, 3.7, 1.5};
        double[] gradient = new double[3];
        assertThat(simulator.logLikelihoodGradient(theta, x, gradient)).isEqualTo(simulator.logLikelihood(theta, x));
        for (int j = 0; j < 3; j++) {
            double h = 1e-6;
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (simulator.logLikelihood(plus, x) - simulator.logLikelihood(minus, x)) / (2 * h);
            assertThat(gradient[j]).isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
        }
        double[][] noise = simulator.sampleNoise(1, SeededRandom.of(1));
        assertThat(simulator.simulate(new double[][] {theta}, noise).row(0)[1])
                .isCloseTo(4 + 0.1 * noise[0][1], within(1e-15));
        assertThat(simulator.vectorJacobianProduct(new double[][] {theta}, noise, new double[][] {{1, 2, 3}})[0])
                .containsExactly(new double[] {1, -8, 7.2}, within(1e-15));
    }
}
