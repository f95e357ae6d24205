package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.testing.SeededRandom;

/**
 * Vector–Jacobian products and the likelihood gradient against central finite differences, and the likelihood
 * value against its closed form given the noise.
 *
 * <p>Finite differences use a relative step h = 1e-5·θ_j; their truncation error is O(h²) ≈ 1e-10 relative and
 * the solver noise (relative 1e-8 in the solution, smooth in θ between step-count changes) contributes about
 * 1e-8/1e-5 = 1e-3 of |x| at worst; the tolerances below (1e-4 relative to the size of the terms) are set from
 * measured differences of ~1e-6.
 */
class TestLotkaVolterraOdeGradients {
    private static final double[][] THETAS = {
        {0.6859157, 0.10761319, 0.88789904, 0.116794825},
        {1.2, 0.05, 1.1, 0.03},
        {0.7, 0.04, 0.6, 0.06},
        {1.0, 0.1, 1.0, 0.1},
    };

    private static double fdStep(double value) {
        return 1e-5 * Math.abs(value);
    }

    @Test
    void jacobianFromVectorJacobianProductsMatchesFiniteDifferences() {
        for (boolean logOutput : new boolean[] {false, true}) {
            LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
            settings.logOutput = logOutput;
            LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator(settings);
            int dim = simulator.dataNames().size();
            for (double[] theta : THETAS) {
                double[][] noise = simulator.sampleNoise(1, SeededRandom.of(5));
                double[][] fd = new double[4][];
                for (int j = 0; j < 4; j++) {
                    double h = fdStep(theta[j]);
                    double[] plus = theta.clone();
                    double[] minus = theta.clone();
                    plus[j] += h;
                    minus[j] -= h;
                    double[] xp = simulator.simulate(new double[][] {plus}, noise).row(0);
                    double[] xm = simulator.simulate(new double[][] {minus}, noise).row(0);
                    fd[j] = new double[dim];
                    for (int m = 0; m < dim; m++) {
                        fd[j][m] = (xp[m] - xm[m]) / (2 * h);
                    }
                }
                for (int m = 0; m < dim; m++) {
                    double[][] cotangent = new double[1][dim];
                    cotangent[0][m] = 1;
                    double[] row = simulator.vectorJacobianProduct(new double[][] {theta}, noise, cotangent)[0];
                    double scale = 0;
                    for (int j = 0; j < 4; j++) {
                        scale = Math.max(scale, Math.abs(fd[j][m]));
                    }
                    for (int j = 0; j < 4; j++) {
                        assertThat(row[j]).as("∂x_%d/∂θ_%d (log output %s)", m, j, logOutput)
                                .isCloseTo(fd[j][m], within(1e-4 * scale + 1e-9));
                    }
                }
            }
        }
    }

    @Test
    void likelihoodGradientMatchesFiniteDifferences() {
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator();
        double[][] x = simulator.simulate(new double[][] {THETAS[0]}, SeededRandom.of(17)).data();
        for (double[] theta : THETAS) {
            double[] gradient = new double[4];
            double value = simulator.logLikelihoodGradient(theta, x[0], gradient);
            assertThat(value).isCloseTo(simulator.logLikelihood(theta, x[0]), within(1e-5 * (1 + Math.abs(value))));
            for (int j = 0; j < 4; j++) {
                double h = fdStep(theta[j]);
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[j] += h;
                minus[j] -= h;
                double fd = (simulator.logLikelihood(plus, x[0]) - simulator.logLikelihood(minus, x[0])) / (2 * h);
                assertThat(gradient[j]).as("∂ log p/∂θ_%d at %s", j, java.util.Arrays.toString(theta))
                        .isCloseTo(fd, within(1e-4 * (Math.abs(fd) + 1)));
            }
        }
    }

    @Test
    void likelihoodEqualsLogNormalDensityOfTheNoise() {
        for (boolean logOutput : new boolean[] {false, true}) {
            LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
            settings.logOutput = logOutput;
            LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator(settings);
            double sigma = settings.noiseSigma;
            double[][] noise = simulator.sampleNoise(THETAS.length, SeededRandom.of(23));
            SimulationResult result = simulator.simulate(THETAS, noise);
            double[] batch = simulator.logLikelihoods(THETAS, result.row(1));
            for (int i = 0; i < THETAS.length; i++) {
                double[] x = result.row(i);
                double expected = 0;
                for (int m = 0; m < x.length; m++) {
                    double z = noise[i][m];
                    expected += -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI)
                            - (logOutput ? 0 : Math.log(x[m]));
                }
                assertThat(simulator.logLikelihood(THETAS[i], x)).isCloseTo(expected, within(1e-8));
                assertThat(batch[i]).isEqualTo(simulator.logLikelihood(THETAS[i], result.row(1)));
            }
        }
    }

    @Test
    void impossibleDataAndFailedSolvesAreHandled() {
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator();
        double[] x = simulator.simulate(new double[][] {THETAS[0]}, SeededRandom.of(3)).row(0).clone();
        x[4] = -1;
        assertThat(simulator.logLikelihood(THETAS[0], x)).isEqualTo(Double.NEGATIVE_INFINITY);
        // a negative predation rate makes the prey explode in finite time: the solve fails
        double[] exploding = {1.0, -1.0, 1.0, 0.1};
        SimulationResult result = simulator.simulate(new double[][] {exploding, THETAS[0]}, SeededRandom.of(3));
        assertThat(result.isValid(0)).isFalse();
        assertThat(result.isValid(1)).isTrue();
        double[] gradient = new double[4];
        assertThat(simulator.logLikelihoodGradient(exploding, x, gradient)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(gradient).containsOnly(0.0);
        double[][] vjp = simulator.vectorJacobianProduct(new double[][] {exploding},
                simulator.sampleNoise(1, SeededRandom.of(1)), new double[1][20]);
        assertThat(vjp[0]).containsOnly(Double.NaN);
    }
}
