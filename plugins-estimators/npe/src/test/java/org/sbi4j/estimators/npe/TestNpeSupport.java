package org.sbi4j.estimators.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingListener;

/**
 * The prior support on a box prior θ ~ U([0, 1]²), x = θ + N(0, 0.1²): with the θ transform (default) no draw
 * leaves the box; without it draws outside are rejected, and the density is renormalised.
 */
class TestNpeSupport {
    /** Close to a corner, so that an untransformed flow leaks mass outside the box. */
    private static final double[] CORNER = {0.02, 0.97};

    private static InferenceProblem problem;
    private static NpePosterior transformed;
    private static NpePosterior untransformed;
    private static Problems.Messages untransformedMessages = new Problems.Messages();

    @BeforeAll
    static void fit() {
        problem = Problems.withSimulations(Problems.noisyUnitSquare(0.1), 3000, 21);
        NpeSettings settings = new NpeSettings();
        settings.maxEpochs = 40;
        settings.transformIntervals = true;
        transformed = new NpeEstimator(settings).fit(problem, Problems.context(2, 1, TrainingListener.NONE));
        settings.transformTheta = false;
        untransformed = new NpeEstimator(settings).fit(problem, Problems.context(2, 1, untransformedMessages));
    }

    @Test
    void withTheTransformEverySampleLiesInsideTheBoxAndNoneIsRejected() {
        double[][] samples = transformed.sample(CORNER, 20_000, Problems.rng(3));
        for (double[] s : samples) {
            assertThat(s[0]).isStrictlyBetween(0.0, 1.0);
            assertThat(s[1]).isStrictlyBetween(0.0, 1.0);
        }
        assertThat(transformed.acceptanceRate()).isEqualTo(1.0);
        assertThat(transformed.drawsProposed()).isEqualTo(20_000);
        assertThat(transformed.trainingSummary().statistics().get("prior-support-acceptance")).isEqualTo(1.0);
    }

    @Test
    void withoutTheTransformSamplesOutsideAreRejectedAndTheRateIsReported() {
        double[][] samples = untransformed.sample(CORNER, 20_000, Problems.rng(3));
        Prior prior = problem.prior();
        for (double[] s : samples) {
            assertThat(prior.inSupport(s)).isTrue();
        }
        // the posterior here is roughly N(x₀, 0.1²) cut by the box: a flow on unbounded θ leaks a sizeable share
        assertThat(untransformed.acceptanceRate()).isLessThan(0.95).isGreaterThan(0.05);
        assertThat(untransformed.drawsProposed()).isGreaterThan(20_000);
        assertThat(untransformedMessages.lines).anyMatch(m -> m.contains("fell inside the prior support"));
        assertThat(untransformed.trainingSummary().statistics().get("prior-support-acceptance")).isLessThan(1.0);
    }

    @Test
    void densityIsMinusInfinityOutsideTheBox() {
        double[][] outside = {{-0.01, 0.5}, {0.5, 1.01}, {1.0, 0.5}, {0.0, 0.5}};
        assertThat(transformed.logDensity(outside, CORNER)).containsOnly(Double.NEGATIVE_INFINITY);
        assertThat(untransformed.logDensity(new double[][] {{-0.01, 0.5}, {0.5, 1.01}}, CORNER))
                .containsOnly(Double.NEGATIVE_INFINITY);
    }

    @Test
    void densityIntegratesToOneOverTheBoxWithAndWithoutTheTransform() {
        // midpoint rule on a 400 × 400 grid; quadrature error ≪ 1% for a density of scale 0.1. Without the
        // transform the density is renormalised by a Monte Carlo estimate of the mass inside from 10,000 draws:
        // relative standard error √((1 − Z)/(10⁴ Z)) < 1% for Z > 0.5
        for (NpePosterior posterior : List.of(transformed, untransformed)) {
            for (double[] x0 : new double[][] {CORNER, {0.5, 0.4}}) {
                assertThat(integral(posterior, x0)).as("%s at %s", posterior.transformsTheta(),
                        java.util.Arrays.toString(x0)).isCloseTo(1.0, offset(0.03));
            }
        }
    }

    private static double integral(NpePosterior posterior, double[] x0) {
        int k = 400;
        double h = 1.0 / k;
        double[][] grid = new double[k * k][];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                grid[i * k + j] = new double[] {(i + 0.5) * h, (j + 0.5) * h};
            }
        }
        double mass = 0;
        for (double lq : posterior.logDensity(grid, x0)) {
            mass += Math.exp(lq) * h * h;
        }
        return mass;
    }

    @Test
    void aPosteriorWithItsMassOutsideThePriorFailsClearly() {
        // simulations whose θ lie in [2, 3]² although the prior is [0, 1]²: the flow learns mass outside the prior
        UniformRandomProvider rng = Problems.rng(5);
        int n = 600;
        double[][] theta = new double[n][2];
        for (double[] row : theta) {
            row[0] = 2 + rng.nextDouble();
            row[1] = 2 + rng.nextDouble();
        }
        double[][] x = problem.simulator().simulate(theta, rng).data();
        InferenceProblem shifted = new InferenceProblem(problem.prior(), problem.simulator(),
                new Simulations(theta, x, 0));
        NpeSettings settings = new NpeSettings();
        settings.maxEpochs = 5;
        settings.transformTheta = false;
        Problems.Messages messages = new Problems.Messages();
        NpePosterior leaky = new NpeEstimator(settings).fit(shifted, Problems.context(1, 1, messages));
        assertThat(leaky.trainingSummary().statistics().get("prior-support-acceptance")).isLessThan(1e-3);
        assertThat(messages.lines).anyMatch(m -> m.contains("0.00% of posterior draws"));
        assertThatThrownBy(() -> leaky.sample(new double[] {2.5, 2.5}, 100, Problems.rng(1)))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("puts its mass outside the prior support")
                .hasMessageContaining("transform-theta: true");
        assertThatThrownBy(() -> leaky.logDensity(new double[][] {{0.5, 0.5}}, new double[] {2.5, 2.5}))
                .isInstanceOf(SbiException.class).hasMessageContaining("outside the prior support");

        settings.transformTheta = true;
        settings.transformIntervals = true;
        assertThatThrownBy(() -> new NpeEstimator(settings).fit(shifted, Problems.context()))
                .isInstanceOf(SbiException.class).hasMessageContaining("outside the prior bounds");
    }

    @Test
    void observationsAreChecked() {
        assertThatThrownBy(() -> transformed.sample(new double[] {0.5}, 10, Problems.rng(1)))
                .isInstanceOf(SbiException.class).hasMessageContaining("observation has 1 values")
                .hasMessageContaining("x_a, x_b");
        assertThatThrownBy(() -> transformed.sample(new double[] {0.5, Double.NaN}, 10, Problems.rng(1)))
                .isInstanceOf(SbiException.class).hasMessageContaining("observation value 2 (x_b) is NaN");
        assertThatThrownBy(() -> transformed.logDensity(new double[][] {{0.5}}, CORNER))
                .isInstanceOf(SbiException.class).hasMessageContaining("θ row 0 has 1 values");
        assertThatThrownBy(() -> transformed.sample(CORNER, -1, Problems.rng(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(transformed.sample(CORNER, 0, Problems.rng(1))).isEmpty();
    }
}
