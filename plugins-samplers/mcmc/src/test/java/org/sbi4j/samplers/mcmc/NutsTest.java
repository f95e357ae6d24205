package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.SbiException;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

class NutsTest extends SamplerConformance {

    @Override
    ChainSampler sampler(int chains, int warmUp, int thin) {
        Nuts.Settings s = new Nuts.Settings();
        s.chains = chains;
        s.warmUp = warmUp;
        s.thin = thin;
        return new Nuts(s);
    }

    @Override
    int thinFor10d() {
        return 1;
    }

    @Test
    void refusesATargetWithoutGradient() {
        SamplingProblem problem = Targets.problem(Targets.density(1, (t, g) -> -0.5 * t[0] * t[0], false),
                Targets.unbounded(1, 3), 1);
        assertThatThrownBy(() -> sampler(2, 10, 1).sample(problem, 10, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class).hasMessageContaining("metropolis-hastings or slice");
    }

    @Test
    void adaptsWithoutDivergencesAndNearlyIndependentDrawsOnAGaussian() {
        int d = 10;
        SamplingProblem problem = Targets.problem(Targets.gaussian(new double[d], Targets.correlatedCovariance(d)),
                Targets.unbounded(d, 20), 1);
        SamplerResult result = sampler(4, 1000, 1).sample(problem, 4000, SeededRandom.of(2));
        assertThat(result.statistics().get("acceptance-rate")).isBetween(0.65, 0.95);
        assertThat(result.statistics().get("divergences")).isZero();
        assertThat(result.statistics().get("mean-tree-depth")).isBetween(1.0, 6.0);
        // NUTS on a Gaussian with an adapted metric gives a large share of independent draws
        assertThat(result.statistics().get("effective-sample-size")).isGreaterThan(1000);
    }
}
