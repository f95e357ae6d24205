package org.sbi4j.estimators.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.prior.NormalPrior;
import org.sbi4j.testing.SeededRandom;

class TestGaussianKde {

    @Test
    void choleskyReproducesTheMatrixAndZeroesSingularDirections() {
        double[] a = {4, 2, 0.4, 2, 5, 1, 0.4, 1, 3};
        assertThat(product(GaussianKde.semidefiniteCholesky(a, 3), 3)).containsExactly(a, within(1e-12));
        // Rank one: v vᵀ with v = (1, 2, 0).
        double[] rankOne = {1, 2, 0, 2, 4, 0, 0, 0, 0};
        double[] l = GaussianKde.semidefiniteCholesky(rankOne, 3);
        assertThat(product(l, 3)).containsExactly(rankOne, within(1e-12));
        assertThat(l[4]).isZero();
        assertThat(l[8]).isZero();
    }

    @Test
    void bandwidthFactorsFollowScottAndSilverman() {
        assertThat(KdeBandwidth.SCOTT.factor(100, 1)).isCloseTo(Math.pow(100, -0.2), within(1e-15));
        assertThat(KdeBandwidth.SILVERMAN.factor(100, 2)).isCloseTo(Math.pow(100.0, -1.0 / 6), within(1e-15));
        assertThat(KdeBandwidth.SILVERMAN.factor(100, 1)).isCloseTo(Math.pow(75, -0.2), within(1e-15));
    }

    /*
     * A KDE draw is a centre plus kernel noise, so its covariance is the centres' covariance times (1 + h²),
     * and its mean is theirs. 40,000 draws: standard error ≈ 0.005 on means, ≈ 1 % on variances; margins 0.03.
     */
    @Test
    void drawsHaveTheCentresMeanAndInflatedCovariance() {
        int count = 50;
        double[] points = new double[2 * count];
        var rng = SeededRandom.of(21);
        for (int c = 0; c < count; c++) {
            double u = org.sbi4j.api.prior.Gaussian.next(rng);
            points[2 * c] = 1 + u;
            points[2 * c + 1] = -2 + 0.5 * u + 0.3 * org.sbi4j.api.prior.Gaussian.next(rng);
        }
        double[] centresCovariance = GaussianKde.covariance(points, count, 2);
        double h = KdeBandwidth.SCOTT.factor(count, 2);
        GaussianKde kde = new GaussianKde(points.clone(), count, 2, KdeBandwidth.SCOTT);
        double[][] draws = new double[40_000][2];
        kde.sample(draws, new NormalPrior(new double[] {0, 0}, new double[] {1, 1}, null), SeededRandom.of(5));
        double[] drawsCovariance = GaussianKde.covariance(flatten(draws), draws.length, 2);
        for (int i = 0; i < 4; i++) {
            assertThat(drawsCovariance[i]).isCloseTo(centresCovariance[i] * (1 + h * h), within(0.03));
        }
        double[] meanOfCentres = mean(points, count);
        double[] meanOfDraws = mean(flatten(draws), draws.length);
        assertThat(meanOfDraws[0]).isCloseTo(meanOfCentres[0], within(0.03));
        assertThat(meanOfDraws[1]).isCloseTo(meanOfCentres[1], within(0.03));
    }

    @Test
    void theCvKernelIsIsotropicWithTheSelectedBandwidth() {
        int count = 60;
        double[] points = new double[3 * count];
        var rng = SeededRandom.of(4);
        for (int i = 0; i < points.length; i++) {
            points[i] = (i % 3 + 1) * org.sbi4j.api.prior.Gaussian.next(rng);
        }
        double h = CrossValidatedBandwidth.select(points, count, 3);
        double[] l = new GaussianKde(points.clone(), count, 3, KdeBandwidth.CV).kernelCholesky();
        assertThat(h).isPositive();
        assertThat(l).containsExactly(h, 0, 0, 0, h, 0, 0, 0, h);
    }

    @Test
    void aSingleCentreIsReturnedAsIs() {
        GaussianKde kde = new GaussianKde(new double[] {0.25, 3}, 1, 2, KdeBandwidth.SILVERMAN);
        double[][] draws = new double[5][2];
        kde.sample(draws, new NormalPrior(new double[] {0, 0}, new double[] {1, 1}, null), SeededRandom.of(1));
        for (double[] row : draws) {
            assertThat(row).containsExactly(0.25, 3);
        }
    }

    private static double[] product(double[] l, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i * n + j] += l[i * n + k] * l[j * n + k];
                }
            }
        }
        return a;
    }

    private static double[] flatten(double[][] rows) {
        double[] flat = new double[rows.length * 2];
        for (int i = 0; i < rows.length; i++) {
            flat[2 * i] = rows[i][0];
            flat[2 * i + 1] = rows[i][1];
        }
        return flat;
    }

    private static double[] mean(double[] flat, int count) {
        double[] m = new double[2];
        for (int c = 0; c < count; c++) {
            m[0] += flat[2 * c] / count;
            m[1] += flat[2 * c + 1] / count;
        }
        return m;
    }
}
