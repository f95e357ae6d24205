package org.sbi4j.estimators.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.testing.SeededRandom;

class TestCrossValidatedBandwidth {

    /** The normal-reference (AMISE-optimal) bandwidth for N(0, σ²I) samples: σ (4 / ((d + 2) n))^(1/(d+4)). */
    private static double normalReference(double sigma, int n, int d) {
        return sigma * Math.pow(4.0 / ((d + 2) * n), 1.0 / (d + 4));
    }

    private static double[] normals(int count, int dimension, double sd, long seed) {
        UniformRandomProvider rng = SeededRandom.of(seed);
        double[] points = new double[count * dimension];
        for (int i = 0; i < points.length; i++) {
            points[i] = sd * Gaussian.next(rng);
        }
        return points;
    }

    /*
     * 200 draws of N(0, I₂): the normal reference is 200^(-1/6) = 0.413. The likelihood-CV bandwidth is a noisy
     * estimate slightly above it: over 40 seeds h / reference had mean 1.15, sd 0.09, range 0.86 to 1.30. The
     * band [0.75, 1.45] is about three of those sds around the mean. (For Gaussian data Scott's width agrees, so
     * this checks scale, not shape; the cluster test below tells the rules apart.)
     */
    @Test
    void gaussianSamplesGetAboutTheNormalReferenceBandwidth() {
        double reference = normalReference(1, 200, 2);
        for (long seed = 1; seed <= 5; seed++) {
            double h = CrossValidatedBandwidth.select(normals(200, 2, 1, seed), 200, 2);
            assertThat(h).as("seed %d", seed).isBetween(0.75 * reference, 1.45 * reference);
        }
    }

    /*
     * Two clusters of 100 points, N((±1, 0), 0.05² I): the whole sample has sd ≈ 0.7, so Scott's kernel sd is
     * about 0.7 · 200^(-1/6) ≈ 0.3 along the first axis, smearing the clusters together; within a cluster the
     * normal reference is 0.05 · 100^(-1/6) ≈ 0.023. The search must leave its first grid [0.1 s, 0.5 s] ≈
     * [0.05, 0.25] downwards to get there.
     */
    @Test
    void twoTightClustersGetABandwidthFarBelowScotts() {
        int count = 200;
        double[] points = normals(count, 2, 0.05, 3);
        for (int c = 0; c < count; c++) {
            points[2 * c] += c % 2 == 0 ? 1 : -1;
        }
        double h = CrossValidatedBandwidth.select(points, count, 2);
        double scott = Math.sqrt(GaussianKde.covariance(points, count, 2)[0]) * KdeBandwidth.SCOTT.factor(count, 2);
        assertThat(scott).isGreaterThan(0.25);
        assertThat(h).isLessThan(0.15 * scott).isBetween(0.012, 0.045);
    }

    @Test
    void leaveOneOutLogLikelihoodMatchesABruteForceSum() {
        int count = 7;
        int d = 3;
        double[] points = normals(count, d, 1.5, 11);
        for (double h : new double[] {0.05, 0.3, 1, 4}) {
            double total = 0;
            for (int i = 0; i < count; i++) {
                double density = 0;
                for (int j = 0; j < count; j++) {
                    if (j == i) {
                        continue;
                    }
                    double kernel = 1;
                    for (int k = 0; k < d; k++) {
                        double z = (points[i * d + k] - points[j * d + k]) / h;
                        kernel *= Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * h);
                    }
                    density += kernel / (count - 1);
                }
                total += Math.log(density);
            }
            double expected = total / count;
            assertThat(CrossValidatedBandwidth.leaveOneOutLogLikelihood(points, count, d, h))
                    .as("h = %s", h).isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void theSelectedBandwidthMaximisesTheLeaveOneOutLikelihood() {
        int count = 100;
        double[] points = normals(count, 2, 1, 17);
        for (int c = 0; c < count; c += 3) {
            points[2 * c + 1] += 2; // a second, smaller mode
        }
        double h = CrossValidatedBandwidth.select(points, count, 2);
        double best = CrossValidatedBandwidth.leaveOneOutLogLikelihood(points, count, 2, h);
        // A fine scan (steps of 0.5 %) finds nothing better beyond the search tolerance.
        for (double g = 0.02; g < 2; g *= 1.005) {
            assertThat(CrossValidatedBandwidth.leaveOneOutLogLikelihood(points, count, 2, g))
                    .as("h = %s", g).isLessThan(best + 10 * CrossValidatedBandwidth.TOLERANCE);
        }
    }

    @Test
    void selectionIsDeterministicAndLeavesThePointsAlone() {
        double[] points = normals(150, 3, 2, 23);
        double[] copy = points.clone();
        double first = CrossValidatedBandwidth.select(points, 150, 3);
        assertThat(CrossValidatedBandwidth.select(points, 150, 3)).isEqualTo(first);
        assertThat(points).containsExactly(copy);
        assertThat(first).isPositive();
    }

    @Test
    void degenerateSamplesGetNoKernel() {
        assertThat(CrossValidatedBandwidth.select(new double[] {0.3, -2}, 1, 2)).isZero();
        assertThat(CrossValidatedBandwidth.select(new double[] {1, 1, 1, 1, 1, 1}, 3, 2)).isZero();
    }

    /*
     * Above MAX_POINTS the score runs on a strided subset and h is rescaled by the normal-reference rate; for
     * 5,000 N(0, 1) draws the result must still be near the normal reference for 5,000 (0.18), not for 1,000
     * (0.25).
     */
    @Test
    void largeSamplesAreSubsampledAndRescaled() {
        int count = 5000;
        double h = CrossValidatedBandwidth.select(normals(count, 1, 1, 29), count, 1);
        double reference = normalReference(1, count, 1);
        assertThat(h).isBetween(0.8 * reference, 1.2 * reference);
    }

    @Test
    void entrySdIsThePopulationSdOfAllEntries() {
        assertThat(CrossValidatedBandwidth.entrySd(new double[] {1, 2, 3, 4}, 4)).isCloseTo(Math.sqrt(1.25),
                within(1e-15));
    }
}
