package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.api.LogDensity;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

class TestSlice extends SamplerConformance {

    @Override
    ChainSampler sampler(int chains, int warmUp, int thin) {
        return new Slice(configure(new Slice.Settings(), chains, warmUp, thin));
    }

    @Override
    int thinFor10d() {
        return 3;
    }

    /**
     * Slice intervals span both modes of the one-dimensional mixture once the widths adapt (they are pooled
     * over chains), so slice crosses it (see the mode-weight test); coordinate moves cannot cross between the
     * diagonal modes (−12, −12) and (12, 12) of a two-dimensional mixture.
     */
    @Override
    SamplingProblem stuckProblem() {
        LogDensity diagonal = Targets.density(2, (t, g) -> {
            double l1 = -0.5 * ((t[0] + 12) * (t[0] + 12) + (t[1] + 12) * (t[1] + 12));
            double l2 = -0.5 * ((t[0] - 12) * (t[0] - 12) + (t[1] - 12) * (t[1] - 12));
            double m = Math.max(l1, l2);
            return m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m));
        }, false);
        return Targets.problem(diagonal, Targets.unbounded(2, 15), 1);
    }

    @Test
    void everyRoundIsOneBatchedCallAcrossChains() {
        List<Integer> batchSizes = new ArrayList<>();
        LogDensity banana = Targets.banana();
        LogDensity recording = new LogDensity() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double[] logDensity(double[][] theta) {
                batchSizes.add(theta.length);
                return banana.logDensity(theta);
            }
        };
        Slice.Settings s = new Slice.Settings();
        s.chains = 8;
        s.warmUp = 50;
        s.startCandidates = 100;
        SamplerResult result = new Slice(s).sample(Targets.problem(recording, Targets.unbounded(2, 3), 1), 800,
                SeededRandom.of(1));
        // first the start candidates, then the starts, then rounds of at most 2 rows (both ends) per chain
        assertThat(batchSizes.get(0)).isEqualTo(100);
        assertThat(batchSizes.get(1)).isEqualTo(8);
        assertThat(batchSizes.subList(2, batchSizes.size())).allSatisfy(b -> assertThat(b).isBetween(1, 16));
        double perIteration = result.statistics().get("batched-calls-per-iteration");
        double rowsPerDraw = result.statistics().get("evaluations-per-iteration");
        // rounds are shared by the chains: far fewer calls than rows
        assertThat(perIteration).isLessThan(rowsPerDraw * 8 / 2.0);
        assertThat(result.statistics().get("acceptance-rate")).isEqualTo(1.0);
    }

    @Test
    void severalChainsOfSliceMixBetweenModesWithTheRightWeights() {
        // 0.3 N(−2.5, 1) + 0.7 N(2.5, 1): one-dimensional slices step out across the dip
        SamplingProblem problem = Targets.problem(Targets.mixture(0.3, 2.5), Targets.unbounded(1, 5), 1);
        int n = 8 * 2000;
        Slice.Settings s = new Slice.Settings();
        s.chains = 8;
        SamplerResult result = new Slice(s).sample(problem, n, SeededRandom.of(4));
        double zWeight = Targets.zScore(result.samples(), 8, t -> t[0] > 0 ? 1 : 0, 0.7);
        assertThat(Math.abs(zWeight)).as("z of the right mode's weight").isLessThan(4);
        assertThat(result.statistics().get("r-hat")).isLessThan(1.05);
    }
}
