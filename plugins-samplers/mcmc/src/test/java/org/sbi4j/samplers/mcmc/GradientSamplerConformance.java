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
