package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SimulationResult;

class TestSirSimulator {
    private final SirSimulator task = new SirSimulator(SbibmTestData.task("sir"));

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // proposal: 80% a log-normal fitted to the reference samples with sds widened 1.5×, 20% prior
        // (effective sample size ≈ 10,000 of 20,000)
        PosteriorCheck.assertImportanceMatchesReference(task, PosteriorCheck.fittedProposal(task, 1, 1.5, true), 1,
                20_000, 34, 5_000);
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        // observation 10 is a known unlikely draw (TASKS.md §9: likelihood percentile ≈ 0.0004), checked below
        // (the binomial probabilities at θ* are computed once per observation, not once per simulation)
        ObservationCheck.assertTypical(task, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 5_000, 27, truth -> {
            double[] p = task.infectionProbabilities(truth);
            return x -> SirSimulator.binomialLogLikelihood(p, x);
        });
    }

    @Test
    void observationTenIsARareButPossibleDraw() {
        // 40,000 simulations: a percentile of 0.0004 means ~16 simulations below (Poisson sd 4), so
        // [1e-4, 2e-3] is a wide margin around the documented value while still far from "impossible" (0) and
        // from "typical" (> 0.01)
        ReferenceData reference = task.referenceData().orElseThrow();
        double[] truth = reference.trueParameters(10);
        double[] p = task.infectionProbabilities(truth);
        double percentile = ObservationCheck.percentile(task, truth, reference.observation(10),
                x -> SirSimulator.binomialLogLikelihood(p, x), 40_000, PosteriorCheck.rng(28));
        System.out.println("likelihood percentile of observation 10: " + percentile);
        assertThat(percentile).isBetween(1e-4, 2e-3);
    }

    @Test
    void infectedCurveMatchesAFineRungeKuttaSolution() {
        // classical RK4 with step 1e-3 day as an independent check of the adaptive solve (error ≪ 1e-3); the
        // task's probabilities are (float) I(t_k) / N, whose float32 rounding (relative 6e-8) is far inside the bound
        double beta = 0.6;
        double gamma = 0.15;
        double n = 1e6;
        double s = n - 1;
        double i = 1;
        double h = 1e-3;
        double[] expected = new double[10];
        int step = 0;
        for (int k = 0; k < 10; k++) {
            int until = (int) Math.round(17 * k / h);
            for (; step < until; step++) {
                double[] k1 = sir(s, i, beta, gamma, n);
                double[] k2 = sir(s + h / 2 * k1[0], i + h / 2 * k1[1], beta, gamma, n);
                double[] k3 = sir(s + h / 2 * k2[0], i + h / 2 * k2[1], beta, gamma, n);
                double[] k4 = sir(s + h * k3[0], i + h * k3[1], beta, gamma, n);
                s += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
                i += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            }
            expected[k] = i;
        }
        double[] probability = task.infectionProbabilities(new double[] {beta, gamma});
        for (int k = 0; k < 10; k++) {
            assertThat(probability[k] * n).as("I(%d)", 17 * k).isCloseTo(expected[k], within(1e-5 * (1 + expected[k])));
        }
    }

    private static double[] sir(double s, double i, double beta, double gamma, double n) {
        double inf = beta * s * i / n;
        return new double[] {-inf, inf - gamma * i};
    }

    @Test
    void failedOdeSolvesGiveInvalidRowsAndImpossibleLikelihoods() {
        // β = 1e8/day makes the ODE stiff (the step budget runs out); β = 1e300 overflows (the step size collapses)
        double[][] theta = {{0.5, 0.1}, {1e8, 0.1}, {1e300, 0.1}};
        SimulationResult result = task.simulate(theta, PosteriorCheck.rng(2));
        assertThat(result.isValid(0)).isTrue();
        double[] x = result.row(0);
        for (int r = 1; r < theta.length; r++) {
            assertThat(result.isValid(r)).as("row %d", r).isFalse();
            assertThat(result.row(r)).containsOnly(Double.NaN);
            assertThat(task.infectionProbabilities(theta[r])).containsOnly(Double.NaN);
            assertThat(task.logLikelihood(theta[r], x)).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void invalidParametersGiveInvalidRowsAndImpossibleLikelihoods() {
        double[][] theta = {{0.5, 0.1}, {-0.5, 0.1}, {Double.NaN, 0.1}};
        SimulationResult result = task.simulate(theta, PosteriorCheck.rng(1));
        assertThat(result.isValid(0)).isTrue();
        assertThat(result.isValid(1)).isFalse();
        assertThat(result.isValid(2)).isFalse();
        double[] x = result.row(0);
        assertThat(task.logLikelihood(theta[1], x)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(task.logLikelihood(theta[0], x)).isFinite();
        double[] fractional = x.clone();
        fractional[3] += 0.5;
        assertThat(task.logLikelihood(theta[0], fractional)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
