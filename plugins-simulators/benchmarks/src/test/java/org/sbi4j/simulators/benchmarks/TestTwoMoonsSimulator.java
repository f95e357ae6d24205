package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;

class TestTwoMoonsSimulator {
    private final TwoMoonsSimulator task = new TwoMoonsSimulator(SbibmTestData.task("two_moons"));

    @Test
    void likelihoodIntegratesToOneOverX() {
        // midpoint rule on a 0.0005 grid over a square holding the whole half-annulus (r within 0.1 ± 8 sd);
        // the integrand is smooth except on the line u = 0, where it is ~N(0.1; 0.1, 0.01²)/(π 0.1) and
        // the line's contribution to the error is below 1e-3.
        double[] theta = {0.3, -0.55};
        double cx = 0.25 - Math.abs(theta[0] + theta[1]) / Math.sqrt(2);
        double cy = (theta[1] - theta[0]) / Math.sqrt(2);
        double h = 0.0005;
        double sum = 0;
        double[] x = new double[2];
        for (double dx = -0.2 + h / 2; dx < 0.2; dx += h) {
            for (double dy = -0.2 + h / 2; dy < 0.2; dy += h) {
                x[0] = cx + dx;
                x[1] = cy + dy;
                sum += Math.exp(task.logLikelihood(theta, x));
            }
        }
        assertThat(sum * h * h).isCloseTo(1, within(2e-3));
    }

    @Test
    void likelihoodIsZeroOnTheWrongSideAndHasThePolarJacobian() {
        double[] theta = {0, 0};
        // u = x₁ − 0.25, v = x₂ : a point at radius 0.1 on the right half has density N(0)/(π · 0.1)
        double peak = -0.5 * Math.log(2 * Math.PI) - Math.log(0.01) - Math.log(Math.PI * 0.1);
        assertThat(task.logLikelihood(theta, new double[] {0.35, 0})).isCloseTo(peak, within(1e-12));
        assertThat(task.logLikelihood(theta, new double[] {0.25, 0.1})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(task.logLikelihood(theta, new double[] {0.15, 0})).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // 1e6 prior draws give an effective sample size of about 1.4e4 for observation 1
        PosteriorCheck.assertImportanceFromPriorMatchesReference(task, 1, 1_000_000, 41, 5_000);
    }

    @Test
    void analyticPosteriorReproducesTheReferenceSamples() {
        ReferenceData reference = task.referenceData().orElseThrow();
        for (int number : new int[] {1, 5, 10}) {
            double[][] draws = task.samplePosterior(reference.observation(number), 20_000, PosteriorCheck.rng(number));
            for (double[] theta : draws) {
                assertThat(task.prior().logDensity(theta)).isFinite();
                assertThat(task.logLikelihood(theta, reference.observation(number))).isFinite();
            }
            Moments.of(draws).assertAgreesWith(PosteriorCheck.reference(task, number), 3, task.parameterNames());
        }
    }

    @Test
    void analyticPosteriorAgreesWithPriorTimesLikelihood() {
        double[] observation = {-0.3, 0.4};
        Moments exact = Moments.of(task.samplePosterior(observation, 20_000, PosteriorCheck.rng(3)));
        Moments importance = PosteriorCheck.importance(task, task.prior(), observation, 1_000_000, 4);
        exact.assertAgreesWith(importance, 3, task.parameterNames());
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 20_000, 77);
    }

    @Test
    void referenceDataHasTenObservationsOfTheRightShape() {
        ReferenceData reference = task.referenceData().orElseThrow();
        assertThat(reference.observationCount()).isEqualTo(10);
        assertThat(reference.observation(3)).hasSize(2);
        assertThat(reference.trueParameters(1)).containsExactly(-0.8176656, -0.5756806);
        assertThat(reference.referenceSamples(10)).hasNumberOfRows(10_000);
        assertThat(new TwoMoonsSimulator(SbibmTestData.root().resolve("no_such_task")).referenceData()).isEmpty();
        assertThat(new TwoMoonsSimulator().referenceData()).isEmpty();
    }
}
