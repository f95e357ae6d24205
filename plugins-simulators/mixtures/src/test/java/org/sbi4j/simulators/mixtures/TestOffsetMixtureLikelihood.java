package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/**
 * The likelihood of the ring and cube tasks is a normalised density in x and describes the simulator:
 * grid integrals (midpoint rule, h ≤ s/3, exact to ~1e-12 for Gaussians), moments of 2·10⁵ simulations
 * against the grid's moments within 3 standard errors, and a chi-square test of the simulations' histogram.
 */
class TestOffsetMixtureLikelihood {
    private static final int SIMULATIONS = 200_000;

    @Test
    void ringLikelihoodIsNormalisedAndDescribesTheSimulator() {
        for (int modes : new int[] {1, 4, 8}) {
            OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(modes, 3, 0.3, 6);
            double[] theta = {1, -2};
            double half = 3 + 8 * 0.3;
            GridChecks grid = new GridChecks(x -> ring.logLikelihood(theta, x),
                    new double[] {theta[0] - half, theta[1] - half}, 0.03, 360);
            assertThat(grid.total()).as("∫ p(x | θ) dx, K = %d", modes).isCloseTo(1, within(1e-9));
            double[][] x = simulate(ring, theta, modes);
            assertMomentsAgree(grid, x, "ring K = " + modes);
            grid.assertHistogramMatches(x, 10, "ring simulations, K = " + modes);
        }
    }

    @Test
    void ringLikelihoodMomentsHaveTheirClosedForm() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        double[] theta = {1, -2};
        double half = 3 + 8 * 0.3;
        GridChecks grid = new GridChecks(x -> ring.logLikelihood(theta, x),
                new double[] {theta[0] - half, theta[1] - half}, 0.03, 360);
        // mean θ − mean(o) = θ; covariance s²I + (r²/2)I for K ≥ 3 evenly spaced offsets
        assertThat(grid.mean()).containsExactly(new double[] {1, -2}, within(1e-9));
        double[][] cov = grid.covariance();
        assertThat(cov[0][0]).isCloseTo(0.09 + 4.5, within(1e-8));
        assertThat(cov[1][1]).isCloseTo(0.09 + 4.5, within(1e-8));
        assertThat(cov[0][1]).isCloseTo(0, within(1e-9));
    }

    @Test
    void cubeLikelihoodIsNormalisedAndDescribesTheSimulator() {
        for (int modes : new int[] {3, 8}) {
            OffsetMixtureSimulator cube = OffsetMixtureSimulator.cubeCorners(modes, 2, 0.3, 6);
            double[] theta = {0.5, -1, 2};
            double half = 2 + 8 * 0.3;
            GridChecks grid = new GridChecks(x -> cube.logLikelihood(theta, x),
                    new double[] {theta[0] - half, theta[1] - half, theta[2] - half}, 0.1, 88);
            assertThat(grid.total()).as("∫ p(x | θ) dx, K = %d", modes).isCloseTo(1, within(1e-9));
            double[][] x = simulate(cube, theta, 10 + modes);
            assertMomentsAgree(grid, x, "cube K = " + modes);
            grid.assertHistogramMatches(x, 4, "cube simulations, K = " + modes);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        OffsetMixtureSimulator cube = OffsetMixtureSimulator.cubeCorners(8, 2, 0.3, 6);
        assertGradient(ring, new double[] {0.4, -1.1}, new double[] {-2.2, -0.9});
        assertGradient(ring, new double[] {0.4, -1.1}, new double[] {3.5, 2.0});
        assertGradient(cube, new double[] {0.4, -1.1, 0.3}, new double[] {2.2, -3.0, 1.9});
    }

    @Test
    void likelihoodRejectsWrongLengths() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        assertThatThrownBy(() -> ring.logLikelihood(new double[3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("θ has 3 components, expected 2");
    }

    private static void assertGradient(OffsetMixtureSimulator simulator, double[] theta, double[] x) {
        double[] gradient = new double[theta.length];
        double value = simulator.logLikelihoodGradient(theta, x, gradient);
        assertThat(value).isEqualTo(simulator.logLikelihood(theta, x));
        for (int j = 0; j < theta.length; j++) {
            double h = 1e-6;
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (simulator.logLikelihood(plus, x) - simulator.logLikelihood(minus, x)) / (2 * h);
            assertThat(gradient[j]).as("d log p / d theta_%d", j + 1).isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
        }
    }

    private static double[][] simulate(OffsetMixtureSimulator simulator, double[] theta, long seed) {
        double[][] thetas = new double[SIMULATIONS][];
        Arrays.fill(thetas, theta);
        return GridChecks.validRows(simulator.simulate(thetas, SeededRandom.of(seed)));
    }

    /** Sample means and covariances within 3 standard errors (SE of a mean of products from the sample). */
    private static void assertMomentsAgree(GridChecks grid, double[][] x, String what) {
        double[] mean = grid.mean();
        double[][] cov = grid.covariance();
        int d = mean.length;
        int n = x.length;
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[i];
            }
            double sampleMean = sum / n;
            double se = Math.sqrt(cov[i][i] / n);
            assertThat(sampleMean).as("%s: mean of x_%d", what, i + 1).isCloseTo(mean[i], within(3 * se));
            for (int j = i; j < d; j++) {
                double products = 0;
                double squares = 0;
                for (double[] row : x) {
                    double p = (row[i] - mean[i]) * (row[j] - mean[j]);
                    products += p;
                    squares += p * p;
                }
                double sampleCov = products / n;
                double seCov = Math.sqrt((squares / n - sampleCov * sampleCov) / n);
                assertThat(sampleCov).as("%s: covariance of x_%d, x_%d", what, i + 1, j + 1)
                        .isCloseTo(cov[i][j], within(3 * seCov));
            }
        }
    }
}
