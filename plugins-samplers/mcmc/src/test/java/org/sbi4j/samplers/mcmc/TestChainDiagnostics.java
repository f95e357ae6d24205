package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.testing.SeededRandom;
import org.junit.jupiter.api.Test;

class TestChainDiagnostics {

    private static double[][] ar1(int chains, int n, double phi, double[] shift, long seed) {
        UniformRandomProvider rng = SeededRandom.of(seed);
        double[][] x = new double[chains][n];
        for (int c = 0; c < chains; c++) {
            double v = ChainKernel.normal(rng) / Math.sqrt(1 - phi * phi);
            for (int i = 0; i < n; i++) {
                v = phi * v + ChainKernel.normal(rng);
                x[c][i] = v + shift[c];
            }
        }
        return x;
    }

    @Test
    void independentDrawsHaveRhatOneAndFullEffectiveSize() {
        double[][] x = ar1(4, 1000, 0, new double[4], 1);
        assertThat(ChainDiagnostics.rankRhat(x)).isLessThan(1.01);
        assertThat(ChainDiagnostics.meanEss(x)).isBetween(3400.0, 4600.0);
        assertThat(ChainDiagnostics.bulkEss(x)).isBetween(3400.0, 4600.0);
    }

    @Test
    void autocorrelatedDrawsHaveTheAr1EffectiveSize() {
        // ESS of an AR(1) mean: N (1 − φ) / (1 + φ) = 40000 / 19 ≈ 2105
        double[][] x = ar1(4, 10_000, 0.9, new double[4], 2);
        assertThat(ChainDiagnostics.meanEss(x)).isBetween(2105 * 0.8, 2105 * 1.2);
        assertThat(ChainDiagnostics.rankRhat(x)).isLessThan(1.01);
    }

    @Test
    void shiftedChainsHaveALargeRhat() {
        double[][] x = ar1(4, 1000, 0.5, new double[] {0, 0, 0, 2}, 3);
        assertThat(ChainDiagnostics.rankRhat(x)).isGreaterThan(1.1);
    }

    @Test
    void chainsWithDifferentScalesAreCaughtByTheFoldedRhat() {
        double[][] x = ar1(4, 2000, 0, new double[4], 4);
        for (int i = 0; i < x[3].length; i++) {
            x[3][i] *= 3;
        }
        assertThat(ChainDiagnostics.rhat(ChainDiagnostics.split(x))).isLessThan(1.05);
        assertThat(ChainDiagnostics.rankRhat(x)).isGreaterThan(1.05);
    }

    @Test
    void inverseNormalMatchesKnownQuantiles() {
        assertThat(ChainDiagnostics.inverseNormal(0.5)).isCloseTo(0, within(1e-9));
        assertThat(ChainDiagnostics.inverseNormal(0.975)).isCloseTo(1.959963985, within(1e-7));
        assertThat(ChainDiagnostics.inverseNormal(0.001)).isCloseTo(-3.090232306, within(1e-7));
    }
}
