package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.SbiException;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

class HmcTest extends SamplerConformance {

    @Override
    ChainSampler sampler(int chains, int warmUp, int thin) {
        Hmc.Settings s = new Hmc.Settings();
        s.chains = chains;
        s.warmUp = warmUp;
        s.thin = thin;
        return new Hmc(s);
    }

    @Override
    int thinFor10d() {
        return 1;
    }

    @Test
    void refusesATargetWithoutGradientNamingTheSamplersThatNeedNone() {
        SamplingProblem problem = Targets.problem(Targets.density(2, (t, g) -> -0.5 * (t[0] * t[0] + t[1] * t[1]),
                false), Targets.unbounded(2, 3), 1);
        Hmc hmc = (Hmc) sampler(4, 100, 1);
        assertThat(hmc.needsGradient()).isTrue();
        assertThatThrownBy(() -> hmc.sample(problem, 100, SeededRandom.of(1)))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("needs the gradient")
                .hasMessageContaining("metropolis-hastings or slice");
    }

    @Test
    void stepSizeAdaptsTowardsTheTargetAcceptanceWithoutDivergences() {
        int d = 10;
        SamplingProblem problem = Targets.problem(Targets.gaussian(new double[d], Targets.correlatedCovariance(d)),
                Targets.unbounded(d, 20), 1);
        SamplerResult result = sampler(4, 1000, 1).sample(problem, 4000, SeededRandom.of(2));
        assertThat(result.statistics().get("acceptance-rate")).isBetween(0.65, 0.95);
        assertThat(result.statistics().get("divergences")).isZero();
        assertThat(result.warnings()).noneMatch(w -> w.contains("diverged"));
        // random trajectory lengths: a fixed one resonated here and gave 200-650 effective draws of 4000
        assertThat(result.statistics().get("effective-sample-size")).isGreaterThan(1500);
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
