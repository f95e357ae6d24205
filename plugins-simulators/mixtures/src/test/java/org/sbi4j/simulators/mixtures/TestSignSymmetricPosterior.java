package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sbi4j.testing.SeededRandom;

/**
 * The exact posterior of the sign-symmetric task: quadrature normalisers against 20-digit mpmath values,
 * the exact sampler against prior × likelihood (self-normalised importance sampling, 3 combined standard
 * errors, effective sample size ≥ 5000 asserted), grid integrals and chi-square / Kolmogorov–Smirnov tests of
 * the draws against the density, and the 2^d modes.
 */
class TestSignSymmetricPosterior {
    private static final int EXACT_DRAWS = 100_000;

    /** log ∫₀³ exp(−[(u² − x)² − (p² − x)²]/(2·0.1²)) du from mpmath (50 digits, adaptive tanh-sinh). */
    @Test
    void quadratureNormaliserMatchesHighPrecisionValues() {
        double[][] reference = {
            {1.0, -2.0729654378587527477}, {0.0, -1.0762775877788496761}, {-0.5, -2.090754356409580011},
            {0.01, -1.0320838836167995324}, {9.0, -3.8640835283680757271}, {12.0, -7.4964651241101424875},
            {4.0, -2.7697062521822702207}, {0.25, -1.2960731018637499971}, {-30, -4.1239701880344469117},
            {2.25, -2.4815151571929894803}, {8.5, -3.1467751828804831992}, {-0.05, -1.2854271465237226735},
            {1000, -13.295643639126855088}};
        for (double[] r : reference) {
            assertThat(new SquaredCoordinatePosterior(r[0], 0.1, 3).logHalfNormaliser()).as("x = %s", r[0])
                    .isCloseTo(r[1], within(1e-11));
        }
    }

    @Test
    void exactSamplerAcceptsMoreThanHalfItsProposalsEverywhere() {
        for (double sd : new double[] {0.01, 0.1, 1}) {
            for (double x = -3; x <= 12; x += 0.025) {
                double rate = new SquaredCoordinateSampler(new SquaredCoordinatePosterior(x, sd, 3)).acceptanceRate();
                assertThat(rate).as("acceptance at x = %s, sd = %s", x, sd).isBetween(0.5, 1.0);
            }
        }
        for (double x : new double[] {-1e4, -1e3, 1e3, 1e4}) {
            assertThat(new SquaredCoordinateSampler(new SquaredCoordinatePosterior(x, 0.1, 3)).acceptanceRate())
                    .isBetween(0.5, 1.0);
        }
    }

    @Test
    void twoDimensionalPosteriorMatchesImportanceSampling() {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(2, 0.1, 3);
        double[] observation = {1.0, 0.5};
        assertSamplerMatchesImportanceSampling(simulator, observation, 4_000_000, 1);
    }

    @Test
    void threeDimensionalPosteriorMatchesImportanceSampling() {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(3, 0.1, 3);
        double[] observation = {0.3, 0.6, 0.2};
        assertSamplerMatchesImportanceSampling(simulator, observation, 6_000_000, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void everyOrthantHoldsOneOverTwoToTheDOfTheMass(int dimension) {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(dimension, 0.1, 3);
        double[] observation = Arrays.copyOf(new double[] {1.0, 2.25, 0.49}, dimension);
        SignSymmetricPosterior posterior = simulator.posterior(observation);
        int modes = 1 << dimension;
        assertThat(posterior.modeCentres()).hasNumberOfRows(modes);
        assertThat(posterior.modeCentres()[modes - 1][0]).isCloseTo(-1, within(1e-15));
        double[][] draws = posterior.sample(EXACT_DRAWS, SeededRandom.of(dimension));
        SampleSummary summary = SampleSummary.ofDraws(draws, posterior.modeCentres());
        // SE of a share 2^-d from 10⁵ draws ≤ 0.0016. Bonferroni over the 2^d shares at a family-wise error of
        // 10⁻³: z = 3.7 (d = 2) and 3.8 (d = 3); moving 1 % of the mass between modes is still > 6 SE
        double z = modes == 4 ? 3.7 : 3.8;
        for (int m = 0; m < modes; m++) {
            assertThat(summary.mass[m]).as("share of mode %d of %d", m, modes)
                    .isCloseTo(1.0 / modes, within(z * summary.massError[m]));
        }
    }

    @Test
    void densityIntegratesToOneAndMatchesTheHistogram() {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(2, 0.1, 3);
        double[] observation = {1.0, 2.25};
        // mode widths σ/(2√x) = 0.05 and 0.033: h = 0.005 resolves them, the midpoint rule is exact to ~1e-12
        GridChecks grid = new GridChecks(theta -> simulator.posteriorLogDensity(theta, observation),
                new double[] {-3, -3}, 0.005, 1200);
        assertThat(grid.total()).isCloseTo(1, within(1e-9));
        double[][] draws = simulator.samplePosterior(observation, EXACT_DRAWS, SeededRandom.of(7));
        grid.assertHistogramMatches(draws, 8, "sign-symmetric posterior");
    }

    /**
     * One coordinate at unusual observations (modes merged at 0, quartic peak, peak at the box edge, far
     * outside the data range): the density integrates to 1 and the draws pass a KS test against its CDF.
     * The CDF comes from Simpson's rule per cell of a graded grid: steps of 1e-4, refined geometrically
     * (ratio 1.02, from 0.05 down to 1e-10) towards 0, ±3 and the peaks, so even the width-2e-6 spike at
     * θ = ±3 for x = 1000 is resolved (checked in Python against mpmath: grid error ≤ 1.3e-9).
     */
    @ParameterizedTest
    @ValueSource(doubles = {-0.5, 0.0, 0.04, 0.3, 8.95, 12, -1000, 1000})
    void oneCoordinateDensityAndDrawsAgreeForAnyObservation(double x) {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(1, 0.1, 3);
        double[] observation = {x};
        double peak = x <= 0 ? 0 : Math.min(3, Math.sqrt(x));
        double[] points = gradedGrid(new double[] {-3, -peak, 0, peak, 3});
        double[] cdf = new double[points.length];
        double left = Math.exp(simulator.posteriorLogDensity(new double[] {points[0]}, observation));
        for (int c = 1; c < points.length; c++) {
            double middle = 0.5 * (points[c - 1] + points[c]);
            double centre = Math.exp(simulator.posteriorLogDensity(new double[] {middle}, observation));
            double right = Math.exp(simulator.posteriorLogDensity(new double[] {points[c]}, observation));
            cdf[c] = cdf[c - 1] + (left + 4 * centre + right) * (points[c] - points[c - 1]) / 6;
            left = right;
        }
        assertThat(cdf[points.length - 1]).as("∫ p(θ | x = %s) dθ", x).isCloseTo(1, within(1e-8));
        double[][] draws = simulator.samplePosterior(observation, 20_000, SeededRandom.of(Double.hashCode(x)));
        double[] sorted = Arrays.stream(draws).mapToDouble(row -> row[0]).sorted().toArray();
        double distance = 0;
        for (int i = 0; i < sorted.length; i++) {
            assertThat(sorted[i]).isBetween(-3.0, 3.0);
            int c = Arrays.binarySearch(points, sorted[i]);
            c = c >= 0 ? Math.max(c, 1) : Math.max(1, Math.min(points.length - 1, -c - 1));
            double fraction = (sorted[i] - points[c - 1]) / (points[c] - points[c - 1]);
            double f = cdf[c - 1] + (cdf[c] - cdf[c - 1]) * fraction;
            distance = Math.max(distance, Math.max(Math.abs(f - (double) i / sorted.length),
                    Math.abs(f - (double) (i + 1) / sorted.length)));
        }
        // 1.95/√n is the 0.1% critical value of the KS distance
        assertThat(distance).as("KS distance at x = %s", x).isLessThan(1.95 / Math.sqrt(sorted.length));
    }

    private static double[] gradedGrid(double[] features) {
        TreeSet<Double> points = new TreeSet<>();
        for (int i = 0; i <= 60_000; i++) {
            points.add(-3 + i * 1e-4);
        }
        for (double f : features) {
            for (double d = 1e-10; d < 0.05; d *= 1.02) {
                if (f - d > -3) {
                    points.add(f - d);
                }
                if (f + d < 3) {
                    points.add(f + d);
                }
            }
        }
        points.add(-3.0);
        points.add(3.0);
        return points.stream().mapToDouble(Double::doubleValue).filter(p -> p >= -3 && p <= 3).toArray();
    }

    @Test
    void densityIsMinusInfinityOutsideTheBox() {
        SignSymmetricSimulator simulator = new SignSymmetricSimulator(2, 0.1, 3);
        assertThat(simulator.posteriorLogDensity(new double[] {3.01, 1}, new double[] {1, 1}))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(simulator.posteriorLogDensity(new double[] {1, 1}, new double[] {1, 1})).isFinite();
    }

    private static void assertSamplerMatchesImportanceSampling(SignSymmetricSimulator simulator,
            double[] observation, int priorDraws, long seed) {
        SignSymmetricPosterior posterior = simulator.posterior(observation);
        double[][] centres = posterior.modeCentres();
        SampleSummary reference = SampleSummary.ofImportanceSampling(simulator.defaultPrior().orElseThrow(),
                simulator, observation, centres, priorDraws, seed);
        assertThat(reference.effectiveSampleSize).isGreaterThan(5_000);
        SampleSummary exact = SampleSummary.ofDraws(posterior.sample(EXACT_DRAWS, SeededRandom.of(100 + seed)),
                centres);
        SampleSummary.assertAgree(exact, reference, 3);
    }
}
