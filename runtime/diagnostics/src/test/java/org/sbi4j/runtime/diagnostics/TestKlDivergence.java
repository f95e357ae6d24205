package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.gaussian;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.standard;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestKlDivergence {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** KL(N(0, 1) ‖ N(μ, σ²)) = log σ + (1 + μ²)/(2σ²) − 1/2. */
    private static double klStandardTo(double mu, double sigma) {
        return Math.log(sigma) + (1 + mu * mu) / (2 * sigma * sigma) - 0.5;
    }

    private static double logNormal(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - 0.5 * LOG_2PI;
    }

    @Test
    void fromDensitiesMatchesTheClosedFormIn1d() {
        double[][] x = standard(20_000, 1, 3);
        double[] logP = new double[x.length];
        double[] logQ = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            logP[i] = logNormal(x[i][0], 0, 1);
            logQ[i] = logNormal(x[i][0], 1, 1.5);
        }
        KlDivergence.DensityEstimate kl = KlDivergence.fromDensities(logP, logQ);
        assertThat(kl.draws()).isEqualTo(20_000);
        // var(log p - log q) is O(1) here, so SE ≈ 0.005; within 3 SE of 0.34991 (fails with prob. 0.3%)
        assertThat(kl.standardError()).isBetween(0.002, 0.01);
        assertThat(kl.nats()).isCloseTo(klStandardTo(1, 1.5), within(3 * kl.standardError()));
    }

    @Test
    void fromDensitiesMatchesTheClosedFormIn2d() {
        double[][] x = standard(20_000, 2, 4);
        double[] logP = new double[x.length];
        double[] logQ = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            logP[i] = logNormal(x[i][0], 0, 1) + logNormal(x[i][1], 0, 1);
            logQ[i] = logNormal(x[i][0], 1, 1.5) + logNormal(x[i][1], -0.5, 0.8);
        }
        KlDivergence.DensityEstimate kl = KlDivergence.fromDensities(logP, logQ);
        double truth = klStandardTo(1, 1.5) + klStandardTo(-0.5, 0.8);
        assertThat(kl.nats()).isCloseTo(truth, within(3 * kl.standardError()));
        // the standard error is the sample SD over √n
        double[] diff = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            diff[i] = logP[i] - logQ[i];
        }
        double mean = Arrays.stream(diff).average().orElseThrow();
        double var = Arrays.stream(diff).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
        assertThat(kl.standardError()).isCloseTo(Math.sqrt(var / x.length), within(1e-12));
    }

    @Test
    void fromDensitiesIsInfiniteWhereQHasNoMass() {
        KlDivergence.DensityEstimate kl = KlDivergence.fromDensities(new double[] {-1, -2, -1},
                new double[] {-1, Double.NEGATIVE_INFINITY, -3});
        assertThat(kl.nats()).isInfinite();
        assertThat(kl.standardError()).isNaN();
    }

    @Test
    void fromSamplesMatchesTheClosedFormIn1d() {
        // measured over 20 seeds at n = m = 5000: mean 0.3458 (bias -0.004), SD 0.0156; 0.06 nats is ~4 SD
        KlDivergence.SampleEstimate kl = KlDivergence.fromSamples(standard(5000, 1, 10),
                gaussian(5000, new double[] {1}, new double[] {1.5}, 100), 1);
        assertThat(kl.nats()).isCloseTo(klStandardTo(1, 1.5), within(0.06));
        assertThat(kl.k()).isEqualTo(5);
        assertThat(kl.skipped()).isZero();
        assertThat(kl.pUsed()).isEqualTo(5000);
    }

    @Test
    void fromSamplesMatchesTheClosedFormIn2d() {
        // measured over 20 seeds at n = m = 5000: mean 0.3933 against 0.4080 (bias -0.015), SD 0.0175;
        // 0.08 nats is bias + ~3.7 SD
        KlDivergence.SampleEstimate kl = KlDivergence.fromSamples(standard(5000, 2, 11),
                gaussian(5000, new double[] {1, 0}, new double[] {1.5, 0.8}, 101), 2);
        assertThat(kl.nats()).isCloseTo(klStandardTo(1, 1.5) + klStandardTo(0, 0.8), within(0.08));
        assertThat(kl.dimension()).isEqualTo(2);
    }

    @Test
    void fromSamplesOfOneDistributionIsNearZero() {
        // measured over 20 seeds at n = m = 5000 in 2-d: mean -0.004, SD 0.010; 0.05 is 5 SD
        KlDivergence.SampleEstimate kl = KlDivergence.fromSamples(standard(5000, 2, 12), standard(5000, 2, 102), 3);
        assertThat(kl.nats()).isCloseTo(0.0, within(0.05));
    }

    @Test
    void zScoringRemovesTheScaleOfEachColumn() {
        double[][] p = standard(2000, 2, 13);
        double[][] q = gaussian(2000, new double[] {1, 0}, new double[] {1.5, 0.8}, 103);
        double plain = KlDivergence.fromSamples(p, q, 4).nats();
        double raw = KlDivergence.defaults().withZScore(false).estimate(p, q, 4).nats();
        for (double[][] set : new double[][][] {p, q}) {
            for (double[] row : set) {
                row[0] = 1000 * row[0] - 7;
                row[1] = 0.001 * row[1];
            }
        }
        assertThat(KlDivergence.fromSamples(p, q, 4).nats()).isCloseTo(plain, within(1e-9));
        // without z-scoring, neighbours are found by the first column alone and the estimate is far off
        assertThat(KlDivergence.defaults().withZScore(false).estimate(p, q, 4).nats()).isNotCloseTo(raw, within(0.1));
    }

    @Test
    void duplicatesAreSkippedAndCounted() {
        // every point of P appears 6 times: its 5th neighbour within P (excluding itself) is a copy, ρ = 0
        double[][] base = standard(50, 2, 14);
        double[][] p = new double[300][];
        for (int i = 0; i < 300; i++) {
            p[i] = base[i % 50].clone();
        }
        double[][] q = standard(300, 2, 15);
        KlDivergence.SampleEstimate kl = KlDivergence.fromSamples(p, q, 5);
        assertThat(kl.skipped()).isEqualTo(300);
        assertThat(kl.nats()).isNaN();
        // Q holds k = 5 copies of P's first draw: ν_5 = 0 for that draw only
        double[][] r = standard(300, 2, 16);
        double[][] q2 = standard(300, 2, 17);
        for (int c = 0; c < 5; c++) {
            q2[c] = r[0].clone();
        }
        KlDivergence.SampleEstimate partial = KlDivergence.fromSamples(r, q2, 5);
        assertThat(partial.skipped()).isEqualTo(1);
        assertThat(partial.nats()).isFinite();
    }

    @Test
    void nearestNeighbourSearchAgreesWithBruteForce() {
        UniformRandomProvider rng = DistanceTestSamples.rng(18);
        for (int d : new int[] {1, 2, 5, 10}) {
            int n = 700;
            double[] points = new double[n * d];
            for (int i = 0; i < points.length; i++) {
                // coarse grid values so that ties and duplicate points occur
                points[i] = d == 1 ? rng.nextInt(200) : rng.nextInt(4) + 0.25 * rng.nextInt(3);
            }
            NearestNeighbours tree = new NearestNeighbours(points, n, d);
            for (int q = 0; q < n; q += 7) {
                for (int k : new int[] {1, 5, 12}) {
                    double[] all = new double[n - 1];
                    for (int j = 0, t = 0; j < n; j++) {
                        if (j != q) {
                            all[t++] = Mmd.squaredDistance(points, q, j, d);
                        }
                    }
                    Arrays.sort(all);
                    assertThat(tree.kthSquaredDistance(points, q * d, k, q)).as("d=%d q=%d k=%d", d, q, k)
                            .isEqualTo(all[k - 1]);
                }
            }
        }
        // a query that is not one of the points
        double[] line = {0, 1, 2, 3, 10};
        NearestNeighbours tree = new NearestNeighbours(line, 5, 1);
        // distances 2.4, 1.4, 0.4, 0.6, 7.6
        assertThat(tree.kthSquaredDistance(new double[] {2.4}, 0, 2, -1)).isCloseTo(0.36, within(1e-12));
        assertThat(tree.kthSquaredDistance(new double[] {2.4}, 0, 3, -1)).isCloseTo(1.96, within(1e-12));
        assertThat(tree.kthSquaredDistance(new double[] {2.4}, 0, 5, -1)).isCloseTo(57.76, within(1e-12));
    }

    @Test
    void sameSeedSameValueForAnyThreadCount() {
        double[][] p = standard(12_000, 3, 19);
        double[][] q = gaussian(3000, new double[] {0.5, 0, 0}, new double[] {1, 2, 1}, 104);
        KlDivergence.SampleEstimate one = KlDivergence.defaults().withThreads(1).estimate(p, q, 6);
        KlDivergence.SampleEstimate three = KlDivergence.defaults().withThreads(3).estimate(p, q, 6);
        assertThat(three).isEqualTo(one);
        assertThat(one.pUsed()).isEqualTo(10_000);
        assertThat(one.qUsed()).isEqualTo(3000);
        // another seed draws another subsample of P
        assertThat(KlDivergence.defaults().withThreads(1).estimate(p, q, 7).nats()).isNotEqualTo(one.nats());
    }

    @Test
    void rejectsBadInput() {
        double[][] ok = standard(10, 2, 1);
        assertThatThrownBy(() -> KlDivergence.fromSamples(ok, new double[0][], 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> KlDivergence.fromSamples(ok, standard(10, 1, 1), 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("same dimension");
        assertThatThrownBy(() -> KlDivergence.fromSamples(new double[][] {{0, 0}, {Double.NaN, 1}}, ok, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("p row 1, column 0 is NaN");
        assertThatThrownBy(() -> KlDivergence.fromSamples(standard(5, 2, 1), ok, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("at least 6 draws from P");
        assertThatThrownBy(() -> KlDivergence.fromDensities(new double[] {0, 1}, new double[] {0}))
                .isInstanceOf(SbiException.class).hasMessageContaining("same n >= 2 draws");
        assertThatThrownBy(() -> KlDivergence.fromDensities(new double[] {0, Double.NaN}, new double[] {0, 0}))
                .isInstanceOf(SbiException.class).hasMessageContaining("log p of draw 1 is NaN");
        assertThatThrownBy(() -> KlDivergence.fromDensities(new double[] {0, 0}, new double[] {Double.NaN, 0}))
                .isInstanceOf(SbiException.class).hasMessageContaining("log q of draw 0 is NaN");
        assertThatThrownBy(() -> KlDivergence.defaults().withK(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 0");
    }
}
