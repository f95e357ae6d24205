package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

class TestHmc extends GradientSamplerConformance {

    @Override
    ChainSampler sampler(int chains, int warmUp, int thin) {
        return new Hmc(configure(new Hmc.Settings(), chains, warmUp, thin));
    }

    @Override
    ChainSampler sampler(int chains, int warmUp, int startCandidates, boolean restartStuckChains) {
        return new Hmc(configure(new Hmc.Settings(), chains, warmUp, startCandidates, restartStuckChains));
    }

    @Test
    void divergencesAreCountedAndWarnedAbout() {
        // a funnel-like target: log-scale v ~ N(0, 3²), x | v ~ N(0, e^v); a fixed large step diverges in the neck
        SamplingProblem problem = Targets.problem(Targets.density(2, (t, g) -> {
            double v = t[0];
            double x = t[1];
            g[0] = -v / 9 - 0.5 + 0.5 * x * x * Math.exp(-v);
            g[1] = -x * Math.exp(-v);
            return -v * v / 18 - 0.5 * v - 0.5 * x * x * Math.exp(-v);
        }, true), Targets.unbounded(2, 3), 1);
        SamplerResult result = sampler(4, 300, 1).sample(problem, 2000, SeededRandom.of(3));
        assertThat(result.statistics().get("divergences")).isPositive();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("diverged")
                .contains("target-acceptance"));
    }
}
