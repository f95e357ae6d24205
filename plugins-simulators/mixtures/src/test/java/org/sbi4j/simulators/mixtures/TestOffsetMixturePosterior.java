package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.prior.TruncatedNormal;
import org.sbi4j.testing.SeededRandom;

/**
 * The exact posterior of the ring and cube tasks against prior × likelihood. Monte Carlo errors: mode
 * masses, means and sds are compared within 3 combined standard errors (the importance-sampling SE comes
 * from the delta method, with an effective sample size of at least 5000 asserted; the exact sampler's from
 * 10⁵ draws), histograms by a chi-square test at dof + 5√(2·dof).
 */
class TestOffsetMixturePosterior {
    private static final int EXACT_DRAWS = 100_000;

    @Test
    void ringPosteriorMatchesImportanceSamplingNearTheBoundary() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        double[] observation = {2.5, -0.4};
        OffsetMixturePosterior posterior = ring.posterior(observation);
        // the mode at (5.5, −0.4) loses the mass beyond θ₁ = 6: weight ∝ Φ(0.5 / 0.3)
        double[] weights = posterior.modeWeights();
        double kept = Math.exp(TruncatedNormal.logMass(0, 1, Double.NEGATIVE_INFINITY, 0.5 / 0.3));
        assertThat(weights[0] / weights[2]).isCloseTo(kept, within(1e-12));
        assertThat(weights[1] / weights[2]).isCloseTo(1, within(1e-12));
        assertSamplerMatchesImportanceSampling(ring, posterior, observation, 500_000, 1);
    }

    @Test
    void eightModeRingMatchesImportanceSampling() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(8, 3, 0.3, 6);
        double[] observation = {-0.7, 0.9};
        assertSamplerMatchesImportanceSampling(ring, ring.posterior(observation), observation, 500_000, 2);
    }

    @Test
    void cubePosteriorMatchesImportanceSampling() {
        OffsetMixtureSimulator cube = OffsetMixtureSimulator.cubeCorners(8, 2, 0.3, 6);
        double[] observation = {0.2, -0.3, 3.5};
        assertSamplerMatchesImportanceSampling(cube, cube.posterior(observation), observation, 2_500_000, 3);
    }

    @Test
    void partialCubeUsesTheFirstCornersInBinaryOrder() {
        OffsetMixtureSimulator cube = OffsetMixtureSimulator.cubeCorners(3, 2, 0.3, 6);
        assertThat(cube.offsets()).isDeepEqualTo(new double[][] {{2, 2, 2}, {-2, 2, 2}, {2, -2, 2}});
        double[] observation = {0.1, 3.8, -0.2};
        assertSamplerMatchesImportanceSampling(cube, cube.posterior(observation), observation, 4_000_000, 4);
    }

    @Test
    void everyRingModeHoldsOneKthOfTheMassForACentredObservation() {
        for (int modes : new int[] {4, 8}) {
            assertModesShareTheMassEqually(OffsetMixtureSimulator.ring(modes, 3, 0.3, 6), new double[] {0, 0});
        }
    }

    @Test
    void everyCubeCornerHoldsOneEighthOfTheMassForACentredObservation() {
        assertModesShareTheMassEqually(OffsetMixtureSimulator.cubeCorners(8, 2, 0.3, 6), new double[] {0, 0, 0});
    }

    @Test
    void ringDensityIntegratesToOneAndMatchesTheHistogram() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        double[] centred = {0.3, -0.2};
        double[] nearEdge = {2.5, -0.4};
        for (double[] observation : new double[][] {centred, nearEdge}) {
            GridChecks grid = new GridChecks(theta -> ring.posteriorLogDensity(theta, observation),
                    new double[] {-6, -6}, 0.02, 600);
            // midpoint rule with h = s/15: exact to ~1e-12 inside; O(h²) at the truncation edge
            assertThat(grid.total()).as("∫ posterior for x₀ = (%s, %s)", observation[0], observation[1])
                    .isCloseTo(1, within(observation == centred ? 1e-9 : 2e-5));
            double[][] draws = ring.samplePosterior(observation, EXACT_DRAWS, SeededRandom.of(5));
            grid.assertHistogramMatches(draws, 10, "ring posterior");
        }
    }

    @Test
    void cubeDensityIntegratesToOneAndMatchesTheHistogram() {
        OffsetMixtureSimulator cube = OffsetMixtureSimulator.cubeCorners(8, 2, 0.3, 6);
        double[] inside = {0.2, -0.3, 0.1};
        GridChecks interior = new GridChecks(theta -> cube.posteriorLogDensity(theta, inside),
                new double[] {-6, -6, -6}, 0.1, 120);
        // h = s/3 and every mode ≥ 12 s from the box: the midpoint rule is exact to rounding
        assertThat(interior.total()).isCloseTo(1, within(1e-9));
        double[] nearEdge = {0.2, -0.3, 3.5};
        GridChecks edge = new GridChecks(theta -> cube.posteriorLogDensity(theta, nearEdge),
                new double[] {-6, -6, -6}, 0.1, 120);
        // four modes sit 0.5 = 1.7 s inside the face θ₃ = 6, where the midpoint rule errs by about
        // h²/24 · |p'| ≈ 4e-4; ignoring the truncation would be off by 0.024
        assertThat(edge.total()).isCloseTo(1, within(1e-3));
        double[][] draws = cube.samplePosterior(nearEdge, EXACT_DRAWS, SeededRandom.of(6));
        edge.assertHistogramMatches(draws, 5, "cube posterior");
    }

    @Test
    void farObservationStillGivesExactDrawsInsideTheBox() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        double[] observation = {40, -25};
        OffsetMixturePosterior posterior = ring.posterior(observation);
        // every component is truncated far in its tail; the one closest to the corner (6, −6) dominates
        double[] weights = posterior.modeWeights();
        for (double w : weights) {
            assertThat(w).isBetween(0.0, 1.0);
        }
        assertThat(Arrays.stream(weights).sum()).isCloseTo(1, within(1e-12));
        double[][] draws = posterior.sample(20_000, SeededRandom.of(8));
        for (double[] theta : draws) {
            assertThat(theta[0]).isBetween(5.0, 6.0);
            assertThat(theta[1]).isBetween(-6.0, -5.0);
            assertThat(posterior.logDensity(theta)).isFinite();
        }
        // the mode centred at x₀ + (−3, 0) = (37, −25) is nearest the corner and holds all but e^{-500} of the
        // mass; near θ₁ = 6 its density is ∝ exp(−(37 − θ₁)²/(2s²)), so 6 − θ₁ is nearly Exp((37 − 6)/s²)
        double meanGap = Arrays.stream(draws).mapToDouble(t -> 6 - t[0]).average().orElseThrow();
        double rate = (observation[0] - 3 - 6) / (0.3 * 0.3);
        assertThat(meanGap).isCloseTo(1 / rate, within(4 / rate / Math.sqrt(draws.length) + 1e-5));
        assertThat(posterior.logDensity(new double[] {6.5, 0})).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    private static void assertModesShareTheMassEqually(OffsetMixtureSimulator simulator, double[] observation) {
        int modes = simulator.modes();
        OffsetMixturePosterior posterior = simulator.posterior(observation);
        assertThat(posterior.modeCentres()).hasNumberOfRows(modes);
        for (double w : posterior.modeWeights()) {
            assertThat(w).isCloseTo(1.0 / modes, within(1e-12));
        }
        double[][] draws = posterior.sample(EXACT_DRAWS, SeededRandom.of(modes));
        SampleSummary summary = SampleSummary.ofDraws(draws, posterior.modeCentres());
        for (int k = 0; k < modes; k++) {
            // SE of a share 1/K from 10⁵ draws: √(p(1 − p)/n) ≤ 0.0016
            assertThat(summary.mass[k]).as("share of mode %d of %d", k, modes)
                    .isCloseTo(1.0 / modes, within(3 * summary.massError[k]));
        }
    }

    private static void assertSamplerMatchesImportanceSampling(OffsetMixtureSimulator simulator,
            OffsetMixturePosterior posterior, double[] observation, int priorDraws, long seed) {
        double[][] centres = posterior.modeCentres();
        SampleSummary reference = SampleSummary.ofImportanceSampling(simulator.defaultPrior().orElseThrow(),
                simulator, observation, centres, priorDraws, seed);
        assertThat(reference.effectiveSampleSize).isGreaterThan(5_000);
        SampleSummary exact = SampleSummary.ofDraws(posterior.sample(EXACT_DRAWS, SeededRandom.of(100 + seed)),
                centres);
        SampleSummary.assertAgree(exact, reference, 3);
        // the closed-form mode weights against the exact draws (modes are ≥ 7.6 s apart: overlap < 1e-10)
        double[] weights = posterior.modeWeights();
        for (int k = 0; k < weights.length; k++) {
            assertThat(exact.mass[k]).as("share of mode %d", k).isCloseTo(weights[k], within(3 * exact.massError[k]
                    + 1e-9));
        }
    }
}
