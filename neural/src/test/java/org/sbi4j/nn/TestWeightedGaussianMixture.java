package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Weighted EM and the BIC choice of K on separated clusters. */
class TestWeightedGaussianMixture {

    private static final double[][] CENTRES = {{-4, 0}, {4, 0}, {0, 5}};

    /** 600 points around three centres, sd 0.5; cluster c gets weight weights[c] per point. */
    private static double[][] clusters(UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[600][];
        for (int i = 0; i < x.length; i++) {
            double[] c = CENTRES[i % 3];
            x[i] = new double[] {c[0] + 0.5 * g.sample(), c[1] + 0.5 * g.sample()};
        }
        return x;
    }

    @Test
    void weightedEmRecoversMeansAndWeights() {
        double[][] x = clusters(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        double[] w = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            w[i] = i % 3 == 0 ? 2.0 : 1.0; // cluster 0 carries half of the weight
        }
        WeightedGaussianMixture.Fit fit = WeightedGaussianMixture.fit(x, w, 3, 3,
                RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        for (int c = 0; c < 3; c++) {
            int k = nearest(fit.means(), CENTRES[c]);
            assertThat(fit.means()[k][0]).isCloseTo(CENTRES[c][0], within(0.15));
            assertThat(fit.means()[k][1]).isCloseTo(CENTRES[c][1], within(0.15));
            assertThat(fit.weights()[k]).isCloseTo(c == 0 ? 0.5 : 0.25, within(0.01));
            assertThat(fit.cholesky()[k][0][0]).isCloseTo(0.5, within(0.1));
        }
    }

    @Test
    void bicPicksTheNumberOfClusters() {
        double[][] x = clusters(RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        WeightedGaussianMixture.Selection s = WeightedGaussianMixture.select(x, null, 8, x.length, 3,
                RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        assertThat(s.best().components()).as("BIC per K %s", Arrays.toString(s.criteria())).isEqualTo(3);
    }

    @Test
    void thePenaltyPerParameterIsWhatSetsTheCriterion() {
        double[][] x = clusters(RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        double n = 40;
        WeightedGaussianMixture.Selection bic = WeightedGaussianMixture.select(x, null, 4, n, 2,
                RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        WeightedGaussianMixture.Selection aic = WeightedGaussianMixture.select(x, null, 4, n, 2.0, 2,
                RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        for (int k = 1; k <= 4; k++) {
            int p = k - 1 + 2 * k + 3 * k; // weights, 2-d means, 2 × 2 covariances
            assertThat(aic.criteria()[k - 1] - bic.criteria()[k - 1]).as("K = %d", k)
                    .isCloseTo(p * (2 - Math.log(n)), within(1e-9 * Math.abs(bic.criteria()[k - 1])));
        }
    }

    @Test
    void integerWeightsEqualRepeatedPoints() {
        double[][] x = clusters(RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        double[][] repeated = new double[x.length + 200][];
        double[] w = new double[x.length];
        System.arraycopy(x, 0, repeated, 0, x.length);
        Arrays.fill(w, 1);
        for (int i = 0; i < 200; i++) {
            repeated[x.length + i] = x[3 * i];
            w[3 * i] = 2;
        }
        double a = WeightedGaussianMixture.fit(x, w, 1, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(6L))
                .logLikelihood();
        double b = WeightedGaussianMixture.fit(repeated, null, 1, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(6L))
                .logLikelihood();
        assertThat(a).isCloseTo(b, within(1e-9));
        assertThat(WeightedGaussianMixture.effectiveSize(new double[] {1, 1, 1, 1})).isEqualTo(4.0);
        assertThat(WeightedGaussianMixture.effectiveSize(new double[] {1, 0, 0, 0})).isEqualTo(1.0);
    }

    private static int nearest(double[][] means, double[] c) {
        int best = 0;
        for (int k = 1; k < means.length; k++) {
            if (dist(means[k], c) < dist(means[best], c)) {
                best = k;
            }
        }
        return best;
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
