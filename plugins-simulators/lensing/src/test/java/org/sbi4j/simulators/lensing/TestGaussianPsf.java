package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/** The PSF kernel is normalised, symmetric and Gaussian; the adjoint is exact. */
class TestGaussianPsf {

    @Test
    void defaultKernelSumsToOneAndIsSymmetric() {
        GaussianPsf psf = new GaussianPsf(0.1, 0.08);
        double[] k = psf.kernel1d();
        // σ = 0.1/2.3548/0.08 = 0.531 px, 5σ = 2.65 px: offsets −2..2
        assertThat(k).hasSize(5);
        double sum = 0;
        for (int m = 0; m < k.length; m++) {
            sum += k[m];
            assertThat(k[m]).isEqualTo(k[k.length - 1 - m]);
        }
        assertThat(sum).isCloseTo(1, within(1e-15));
        double sigma = psf.sigmaPixels();
        assertThat(sigma).isCloseTo(0.1 / (2 * Math.sqrt(2 * Math.log(2))) / 0.08, within(1e-15));
        assertThat(k[3] / k[2]).isCloseTo(Math.exp(-0.5 / (sigma * sigma)), within(1e-15));

        double[][] k2 = psf.kernel2d();
        double sum2 = 0;
        for (int i = 0; i < k2.length; i++) {
            for (int j = 0; j < k2.length; j++) {
                sum2 += k2[i][j];
                assertThat(k2[i][j]).isEqualTo(k2[j][i]).isEqualTo(k2[k2.length - 1 - i][k2.length - 1 - j]);
            }
        }
        assertThat(sum2).isCloseTo(1, within(1e-14));
    }

    @Test
    void widerPsfsTruncateAtFiveSigmaAndStillSumToOne() {
        GaussianPsf psf = new GaussianPsf(0.5, 0.05);
        double sigma = psf.sigmaPixels();
        double[] k = psf.kernel1d();
        assertThat(k.length % 2).isEqualTo(1);
        assertThat((k.length - 1) / 2).isEqualTo((int) Math.floor(5 * sigma));
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-14));
    }

    @Test
    void pointSourceGivesTheKernelAndFluxIsKeptAwayFromEdges() {
        GaussianPsf psf = new GaussianPsf(0.1, 0.08);
        int n = 16;
        double[] delta = new double[n * n];
        delta[7 * n + 9] = 1;
        double[] out = new double[n * n];
        psf.convolve(delta, out, new double[psf.scratchLength(n)], n);
        double[][] k2 = psf.kernel2d();
        int h = (k2.length - 1) / 2;
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                total += out[i * n + j];
                int di = i - 7 + h;
                int dj = j - 9 + h;
                double expected = di >= 0 && di < k2.length && dj >= 0 && dj < k2.length ? k2[di][dj] : 0;
                assertThat(out[i * n + j]).isCloseTo(expected, within(1e-16));
            }
        }
        assertThat(total).isCloseTo(1, within(1e-14));
    }

    @Test
    void adjointIsTheTranspose() {
        GaussianPsf psf = new GaussianPsf(0.3, 0.08);
        int n = 20;
        var rng = SeededRandom.of(3);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int k = 0; k < a.length; k++) {
            a[k] = rng.nextDouble() - 0.5;
            b[k] = rng.nextDouble() - 0.5;
        }
        double[] ka = new double[n * n];
        double[] ktb = new double[n * n];
        psf.convolve(a, ka, new double[psf.scratchLength(n)], n);
        psf.adjoint(b, ktb, new double[psf.scratchLength(n)], n);
        double left = 0;
        double right = 0;
        for (int k = 0; k < a.length; k++) {
            left += ka[k] * b[k];
            right += a[k] * ktb[k];
        }
        assertThat(left).isCloseTo(right, within(1e-13));
    }

    @Test
    void zeroWidthIsTheIdentity() {
        GaussianPsf psf = new GaussianPsf(0, 0.08);
        assertThat(psf.kernel1d()).containsExactly(1.0);
        double[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] out = new double[9];
        psf.convolve(in, out, new double[psf.scratchLength(3)], 3);
        assertThat(out).containsExactly(in);
    }
}
