package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The exact binomial sampler of the SIR task. */
class TestBinomialSampler {

    @Test
    void binomialDrawsFollowTheBinomialDistribution() {
        // Pearson chi-square over cells with expected count ≥ 5; with ≤ ~100 cells, 99.99% quantile ≈ 180
        UniformRandomProvider rng = PosteriorCheck.rng(5);
        for (double p : new double[] {1e-6, 0.004, 0.05, 0.3, 0.5, 0.77, 0.999}) {
            int draws = 200_000;
            int[] counts = new int[1001];
            for (int r = 0; r < draws; r++) {
                counts[BinomialSampler.sample(1000, p, rng)]++;
            }
            double chi2 = 0;
            int cells = 0;
            double pooledExpected = 0;
            int pooledObserved = 0;
            for (int k = 0; k <= 1000; k++) {
                double expected = draws * Math.exp(BinomialSampler.logChoose(1000, k) + k * Math.log(p)
                        + (1000 - k) * Math.log1p(-p));
                if (expected >= 5) {
                    chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
                    cells++;
                } else {
                    pooledExpected += expected;
                    pooledObserved += counts[k];
                }
            }
            if (pooledExpected >= 5) {
                chi2 += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
                cells++;
            }
            assertThat(chi2).as("chi-square for p = %s over %d cells", p, cells).isLessThan(cells + 6 * Math.sqrt(2.0 * cells) + 10);
        }
        assertThat(BinomialSampler.sample(1000, 0, rng)).isZero();
        assertThat(BinomialSampler.sample(1000, 1, rng)).isEqualTo(1000);
    }
}
