package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import org.sbi4j.api.SamplerResult;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

class TestNuts extends GradientSamplerConformance {

    @Override
    ChainSampler sampler(int chains, int warmUp, int thin) {
        return new Nuts(configure(new Nuts.Settings(), chains, warmUp, thin));
    }

    @Override
    ChainSampler sampler(int chains, int warmUp, int startCandidates, boolean restartStuckChains) {
        return new Nuts(configure(new Nuts.Settings(), chains, warmUp, startCandidates, restartStuckChains));
    }

    @Test
    void treesStayShallowOnAnAdaptedBanana() {
        SamplerResult result = sampler(4, 1000, 1).sample(Targets.problem(Targets.banana(), Targets.unbounded(2, 3),
                1), 2000, SeededRandom.of(7));
        assertThat(result.statistics().get("mean-tree-depth")).isBetween(1.0, 6.0);
        assertThat(result.statistics().get("max-depth-hits")).isZero();
    }
}
