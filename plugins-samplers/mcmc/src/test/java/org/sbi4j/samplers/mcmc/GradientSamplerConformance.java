package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

/** What the gradient samplers ({@code hmc}, {@code nuts}) must also get right. */
abstract class GradientSamplerConformance extends SamplerConformance {

    @Override
    int thinFor10d() {
        return 1;
    }

    /** The sampler with these chains, warm-up, start candidates and restarts of stuck chains (thin 1). */
    abstract ChainSampler sampler(int chains, int warmUp, int startCandidates, boolean restartStuckChains);

    /** Sets chains, warm-up, start candidates and restarts on a gradient sampler's settings (thin 1). */
    static <S extends GradientSampler.Settings> S configure(S settings, int chains, int warmUp, int startCandidates,
                                                            boolean restartStuckChains) {
        configure(settings, chains, warmUp, 1);
        settings.startCandidates = startCandidates;
        settings.restartStuckChains = restartStuckChains;
        return settings;
    }

    /**
     * N(0, 1) beside a broad, far, lower region: e^−60 N(60, 3²), whose basin (θ above 17.8) a gradient sampler
     * cannot leave. Chains started at random prior draws (N(0, 40²), as many candidates as chains) land in it about
     * one time in three.
     */
    static SamplingProblem strandingProblem() {
        return Targets.problem(Targets.density(1, (t, g) -> {
            double l1 = -0.5 * t[0] * t[0];
            double l2 = -60 - 0.5 * (t[0] - 60) * (t[0] - 60) / 9 - Math.log(3);
            double m = Math.max(l1, l2);
            double lse = m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m));
            double p1 = Math.exp(l1 - lse);
            g[0] = -p1 * t[0] - (1 - p1) * (t[0] - 60) / 9;
            return lse;
        }, true), Targets.unbounded(1, 40), 1);
    }

    @Test
    void chainsStrandedInAFarLowerRegionRestartDuringWarmUp() {
        int chains = 20;
        double[][] stranded = sampler(chains, 200, chains, false).sample(strandingProblem(), chains * 100,
                SeededRandom.of(5)).samples();
        long far = java.util.Arrays.stream(stranded).filter(t -> t[0] > 10).count();
        assertThat(far).as("draws of chains left stranded near 60").isGreaterThanOrEqualTo(100);
        SamplerResult result = sampler(chains, 200, chains, true).sample(strandingProblem(), chains * 100,
                SeededRandom.of(5));
        assertThat(result.statistics().get("restarted-chains")).isGreaterThanOrEqualTo(far / 100.0);
        assertThat(java.util.Arrays.stream(result.samples()).mapToDouble(t -> Math.abs(t[0])).max().orElseThrow())
                .isLessThan(5.0);
        assertMoments(result.samples(), chains, 0, 0.0, 1.0);
    }

    @Test
    void withoutStrandedChainsRestartsChangeNothing() {
        int d = 3;
        SamplingProblem problem = Targets.problem(Targets.gaussian(new double[d], Targets.correlatedCovariance(d)),
                Targets.unbounded(d, 20), 1);
        SamplerResult on = sampler(8, 300, 1000, true).sample(problem, 800, SeededRandom.of(4));
        SamplerResult off = sampler(8, 300, 1000, false).sample(problem, 800, SeededRandom.of(4));
        assertThat(on.statistics().get("restarted-chains")).isZero();
        assertThat(on.samples()).isDeepEqualTo(off.samples());
    }

    @Test
    void refusesATargetWithoutGradientNamingTheSamplersThatNeedNone() {
        assertRefusesATargetWithoutGradient(sampler(2, 10, 1));
    }

    @Test
    void adaptsTowardsTheTargetAcceptanceWithoutDivergencesAndMixesWellOnAGaussian() {
        int d = 10;
        SamplingProblem problem = Targets.problem(Targets.gaussian(new double[d], Targets.correlatedCovariance(d)),
                Targets.unbounded(d, 20), 1);
        SamplerResult result = sampler(4, 1000, 1).sample(problem, 4000, SeededRandom.of(2));
        assertThat(result.statistics().get("acceptance-rate")).isBetween(0.65, 0.95);
        assertThat(result.statistics().get("divergences")).isZero();
        assertThat(result.warnings()).noneMatch(w -> w.contains("diverged"));
        // hmc: random trajectory lengths (a fixed one resonated here: 200-650 effective draws of 4000)
        assertThat(result.statistics().get("effective-sample-size")).isGreaterThan(1500);
    }
}
