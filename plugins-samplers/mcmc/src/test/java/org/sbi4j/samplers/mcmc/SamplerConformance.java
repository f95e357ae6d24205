package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.sbi4j.api.LogDensity;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.SbiException;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

/**
 * What every MCMC sampler here must get right, on targets with known answers (a 10-d correlated Gaussian, a banana,
 * a bimodal mixture whose modes the chains cross, a truncated normal, a gamma): means and variances within 3
 * Monte-Carlo standard errors (from the chains' effective sample size), draws inside bounded supports with the
 * transform's Jacobian right, the same draws for the same seed at any thread count, the R-hat warning for chains
 * stuck in modes too far apart to cross, and a clear refusal when no start has a positive density.
 */
abstract class SamplerConformance {
    static final int CHAINS = 4;

    /** The sampler under test with these shared settings (and its own defaults otherwise). */
    abstract ChainSampler sampler(int chains, int warmUp, int thin);

    /** Sets the shared settings on a sampler's own settings. */
    static <S extends ChainSettings> S configure(S settings, int chains, int warmUp, int thin) {
        settings.chains = chains;
        settings.warmUp = warmUp;
        settings.thin = thin;
        return settings;
    }

    /** A gradient sampler refuses a target without gradient, naming the samplers that need none. */
    static void assertRefusesATargetWithoutGradient(ChainSampler sampler) {
        SamplingProblem problem = Targets.problem(Targets.density(2, (t, g) -> -0.5 * (t[0] * t[0] + t[1] * t[1]),
                false), Targets.unbounded(2, 3), 1);
        assertThat(sampler.needsGradient()).isTrue();
        assertThatThrownBy(() -> sampler.sample(problem, 100, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("needs the gradient")
                .hasMessageContaining("metropolis-hastings or slice");
    }

    /** Thinning that gives well over 100 effective draws per parameter on the 10-d Gaussian. */
    abstract int thinFor10d();

    static void assertMoments(double[][] samples, int chains, int i, double mean, double variance) {
        double zMean = Targets.zScore(samples, chains, t -> t[i], mean);
        double zVar = Targets.zScore(samples, chains, t -> (t[i] - mean) * (t[i] - mean), variance);
        assertThat(Math.abs(zMean)).as("mean of θ%d: z = %.2f", i, zMean).isLessThan(3);
        assertThat(Math.abs(zVar)).as("variance of θ%d: z = %.2f", i, zVar).isLessThan(3);
    }

    @Test
    void correlatedGaussianIn10Dimensions() {
        int d = 10;
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = i - 4.5;
        }
        double[][] cov = Targets.correlatedCovariance(d);
        SamplingProblem problem = Targets.problem(Targets.gaussian(mean, cov), Targets.unbounded(d, 20), 1);
        int n = CHAINS * 1000;
        SamplerResult result = sampler(CHAINS, 1000, thinFor10d()).sample(problem, n, SeededRandom.of(11));
        assertThat(result.samples()).hasNumberOfRows(n);
        assertThat(result.statistics().get("r-hat")).isLessThan(1.05);
        assertThat(result.statistics().get("effective-sample-size")).isGreaterThan(100);
        for (int i = 0; i < d; i++) {
            assertMoments(result.samples(), CHAINS, i, mean[i], cov[i][i]);
        }
    }

    @Test
    void banana() {
        SamplingProblem problem = Targets.problem(Targets.banana(), Targets.unbounded(2, 3), 1);
        int n = CHAINS * 2000;
        SamplerResult result = sampler(CHAINS, 1000, 2).sample(problem, n, SeededRandom.of(12));
        assertThat(result.statistics().get("r-hat")).isLessThan(1.05);
        assertMoments(result.samples(), CHAINS, 0, 0, 1);
        assertMoments(result.samples(), CHAINS, 1, 1, 2.25);
    }

    /**
     * A bimodal mixture 0.3 N(−2, 1) + 0.7 N(2, 1) (mean 0.8, variance 1 + 4 − 0.64 = 4.36): the density between
     * the modes falls to e⁻² of their peaks, low enough that a chain stays in a mode for many iterations, high enough
     * that every sampler here crosses; the chains must agree (R-hat) and give both modes their weight.
     */
    @Test
    void bimodalMixtureWhoseModesTheChainsCross() {
        SamplingProblem problem = Targets.problem(Targets.mixture(0.3, 2), Targets.unbounded(1, 3), 1);
        int n = CHAINS * 4000;
        SamplerResult result = sampler(CHAINS, 1000, 2).sample(problem, n, SeededRandom.of(15));
        assertThat(result.statistics().get("r-hat")).isLessThan(1.05);
        long left = java.util.Arrays.stream(result.samples()).filter(t -> t[0] < 0).count();
        assertThat(left / (double) n).as("share of the left mode").isBetween(0.2, 0.4);
        for (double[][] chain : new double[][][] {Targets.chains(result.samples(), CHAINS, t -> t[0])}) {
            for (double[] c : chain) {
                assertThat(java.util.Arrays.stream(c).anyMatch(v -> v < -1)
                        && java.util.Arrays.stream(c).anyMatch(v -> v > 1)).as("every chain visits both modes").isTrue();
            }
        }
        assertMoments(result.samples(), CHAINS, 0, 0.8, 4.36);
    }

    @Test
    void aTargetWithZeroDensityWherePriorDrawsFallIsRefusedNamingTheFix() {
        // the target lives on θ > 50, where the prior's draws (sd 3) never go: no chain has anywhere to start
        LogDensity target = Targets.density(1, (t, g) -> t[0] > 50 ? -t[0] : Double.NEGATIVE_INFINITY, true);
        assertThatThrownBy(() -> sampler(CHAINS, 100, 1).sample(Targets.problem(target, Targets.unbounded(1, 3), 1),
                100, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("positive target density")
                .hasMessageContaining("nowhere to start")
                .hasMessageContaining("check the observation")
                .hasMessageContaining("raise start-candidates");
    }

    @Test
    void truncatedNormalInABoxStaysInsideWithTheRightMoments() {
        // θ_i ~ N(0.9, 0.3²) truncated to [0, 1] (its mass piles against the upper bound), independent
        double[] lo = {0, 0};
        double[] hi = {1, 1};
        Prior prior = Targets.prior(lo, hi, 1);
        LogDensity target = Targets.density(2, (t, g) -> {
            if (prior.logDensity(t) == Double.NEGATIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;
            }
            double s = 0;
            for (int i = 0; i < 2; i++) {
                g[i] = -(t[i] - 0.9) / 0.09;
                s -= 0.5 * (t[i] - 0.9) * (t[i] - 0.9) / 0.09;
            }
            return s;
        }, true);
        double[] moments = truncatedNormalMoments(0.9, 0.3, 0, 1);
        int n = CHAINS * 1000;
        SamplerResult result = sampler(CHAINS, 1000, 2).sample(Targets.problem(target, prior, 1), n,
                SeededRandom.of(13));
        for (double[] row : result.samples()) {
            assertThat(row[0]).isStrictlyBetween(0.0, 1.0);
            assertThat(row[1]).isStrictlyBetween(0.0, 1.0);
        }
        assertMoments(result.samples(), CHAINS, 0, moments[0], moments[1]);
        assertMoments(result.samples(), CHAINS, 1, moments[0], moments[1]);
    }

    @Test
    void gammaOnAHalfLine() {
        // θ ∝ θ² e^{−θ} on (0, ∞): Gamma(3, 1), mean 3, variance 3
        Prior prior = Targets.prior(new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, 5);
        LogDensity target = Targets.density(1, (t, g) -> {
            if (!(t[0] > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            g[0] = 2 / t[0] - 1;
            return 2 * Math.log(t[0]) - t[0];
        }, true);
        int n = CHAINS * 1000;
        SamplerResult result = sampler(CHAINS, 1000, 2).sample(Targets.problem(target, prior, 1), n,
                SeededRandom.of(14));
        for (double[] row : result.samples()) {
            assertThat(row[0]).isPositive();
        }
        assertMoments(result.samples(), CHAINS, 0, 3, 3);
    }

    @Test
    void sameSeedGivesTheSameDrawsForAnyThreadCount() {
        LogDensity target = Targets.banana();
        double[][] one = sampler(3, 200, 1).sample(Targets.problem(target, Targets.unbounded(2, 3), 1), 300,
                SeededRandom.of(5)).samples();
        double[][] four = sampler(3, 200, 1).sample(Targets.problem(target, Targets.unbounded(2, 3), 4), 300,
                SeededRandom.of(5)).samples();
        double[][] other = sampler(3, 200, 1).sample(Targets.problem(target, Targets.unbounded(2, 3), 4), 300,
                SeededRandom.of(6)).samples();
        assertThat(four).isDeepEqualTo(one);
        assertThat(other).isNotEqualTo(one);
    }

    /**
     * Two modes 24 sd apart the sampler does not cross, with equal weights: 0.5 N(−12, 1) + 0.5 N(12, 1) in one
     * dimension, unless the sampler overrides it.
     */
    SamplingProblem stuckProblem() {
        return Targets.problem(Targets.mixture(0.5, 12), Targets.unbounded(1, 15), 1);
    }

    @Test
    void chainsStuckInDifferentModesWarnThroughRhat() {
        // seed 3 starts chains in both modes
        SamplerResult result = sampler(CHAINS, 300, 1).sample(stuckProblem(), CHAINS * 200, SeededRandom.of(3));
        double[][] x = Targets.chains(result.samples(), CHAINS, t -> t[0]);
        long negative = java.util.Arrays.stream(x).filter(c -> c[0] < 0).count();
        assertThat(negative).as("chains starting in the left mode").isBetween(1L, (long) CHAINS - 1);
        assertThat(result.statistics().get("r-hat")).isGreaterThan(1.5);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("R-hat of theta_").contains("> 1.01")
                .contains("different modes"));
    }

    /** Mean and variance of N(m, s²) truncated to [a, b], by Simpson's rule. */
    static double[] truncatedNormalMoments(double m, double s, double a, double b) {
        int k = 20_000;
        double h = (b - a) / k;
        double z = 0;
        double first = 0;
        double second = 0;
        for (int i = 0; i <= k; i++) {
            double x = a + i * h;
            double w = (i == 0 || i == k) ? 1 : (i % 2 == 1 ? 4 : 2);
            double p = w * Math.exp(-0.5 * (x - m) * (x - m) / (s * s));
            z += p;
            first += p * x;
            second += p * x * x;
        }
        double mean = first / z;
        return new double[] {mean, second / z - mean * mean};
    }
}
