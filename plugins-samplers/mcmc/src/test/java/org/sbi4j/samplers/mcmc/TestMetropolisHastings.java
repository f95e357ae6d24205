package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

class TestMetropolisHastings extends SamplerConformance {

    @Override
    ChainSampler sampler(int chains, int warmUp, int thin) {
        return new MetropolisHastings(configure(new MetropolisHastings.Settings(), chains, warmUp, thin));
    }

    @Override
    int thinFor10d() {
        return 20;
    }

    @Test
    void acceptanceAdaptsTowardsTheTarget() {
        int d = 10;
        SamplingProblem problem = Targets.problem(Targets.gaussian(new double[d], Targets.correlatedCovariance(d)),
                Targets.unbounded(d, 20), 1);
        SamplerResult result = sampler(4, 1000, 1).sample(problem, 4000, SeededRandom.of(1));
        assertThat(result.statistics().get("acceptance-rate")).isBetween(0.15, 0.35);
    }

    @Test
    void oneBatchedDensityCallPerIterationAcrossChains() {
        SamplingProblem problem = Targets.problem(Targets.banana(), Targets.unbounded(2, 3), 1);
        MetropolisHastings.Settings s = new MetropolisHastings.Settings();
        s.chains = 6;
        s.warmUp = 100;
        s.thin = 1;
        s.startCandidates = 50;
        SamplerResult result = new MetropolisHastings(s).sample(problem, 600, SeededRandom.of(1));
        // 50 start candidates, the 6 starts, then 6 rows per iteration for 100 + 100 iterations
        assertThat(result.statistics().get("density-evaluations")).isEqualTo(50 + 6 + 6 * 200.0);
    }
}
