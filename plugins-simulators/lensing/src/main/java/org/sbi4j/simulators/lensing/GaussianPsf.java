package org.sbi4j.simulators.lensing;

/**
 * A circular Gaussian point-spread function applied to the binned N×N image as two separable 1-D passes with
 * zero padding outside the field of view.
 *
 * <p>The 1-D kernel is the Gaussian sampled at pixel offsets |m|·Δ ≤ 5σ (odd side 2h + 1, h = ⌊5σ/Δ⌋) and
 * normalised to sum 1, so the 2-D kernel (their outer product, truncated to a square) sums to 1 as well.
 * σ = FWHM/(2√(2 ln 2)); a FWHM of 0 gives the identity. The PSF acts <em>after</em> binning: the pixel-averaged
 * image is convolved with the pixel-sampled PSF, a Riemann sum of the exact pixel-integrated convolution whose
 * error is negligible for σ ≳ 0.5 pixel (the default, 0.1″ at 0.08″ per pixel, has σ = 0.53 pixel) and which
 * costs 2(2h + 1) multiply-adds per pixel instead of s² times that on the sub-pixel grid.
 */
final class GaussianPsf {
    private final double[] kernel;
    private final double[] flipped;
    private final int half;
    private final double sigmaPixels;

    /**
     * @param fwhm full width at half maximum in arcsec, at least 0
     * @param pixelScale arcsec per pixel
     */
    GaussianPsf(double fwhm, double pixelScale) {
        this.sigmaPixels = fwhm / (2 * Math.sqrt(2 * Math.log(2))) / pixelScale;
        this.half = (int) Math.floor(5 * sigmaPixels);
        this.kernel = new double[2 * half + 1];
        if (half == 0) {
            kernel[0] = 1;
        } else {
            double sum = 0;
            for (int m = -half; m <= half; m++) {
                double v = Math.exp(-0.5 * m * m / (sigmaPixels * sigmaPixels));
                kernel[m + half] = v;
                sum += v;
            }
            for (int m = 0; m < kernel.length; m++) {
                kernel[m] /= sum;
            }
        }
        this.flipped = new double[kernel.length];
        for (int m = 0; m < kernel.length; m++) {
            flipped[m] = kernel[kernel.length - 1 - m];
        }
    }

    /** σ in pixels. */
    double sigmaPixels() {
        return sigmaPixels;
    }

    /** The 1-D kernel (a copy), side 2h + 1. */
    double[] kernel1d() {
        return kernel.clone();
    }

    /** The 2-D kernel, the outer product of the 1-D one, row-major. */
    double[][] kernel2d() {
        double[][] k = new double[kernel.length][kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            for (int j = 0; j < kernel.length; j++) {
                k[i][j] = kernel[i] * kernel[j];
            }
        }
        return k;
    }

    /**
     * Scratch length that {@link #convolve} and {@link #adjoint} need for an n×n image.
     *
     * @param n side
     * @return number of doubles
     */
    int scratchLength(int n) {
        return 2 * n * (n + 2 * half);
    }

    /**
     * out = K ⊗ in on an n×n row-major image.
     *
     * @param in the image (not modified)
     * @param out the result (may not alias {@code in})
     * @param scratch at least {@link #scratchLength(int)} doubles
     * @param n side
     */
    void convolve(double[] in, double[] out, double[] scratch, int n) {
        apply(kernel, in, out, scratch, n);
    }

    /**
     * The adjoint of {@link #convolve}: correlation with the kernel (the same operation for this symmetric kernel,
     * written generally so that the adjoint is exact).
     */
    void adjoint(double[] in, double[] out, double[] scratch, int n) {
        apply(flipped, in, out, scratch, n);
    }

    /**
     * Works on rows padded with h zeros on both sides, stored end to end, so that each tap of each pass is one
     * long loop over the whole image (which the JIT vectorises); what leaks between rows lands in the padding,
     * and rows outside the image are simply out of the loop range.
     */
    private void apply(double[] k, double[] in, double[] out, double[] scratch, int n) {
        if (half == 0) {
            System.arraycopy(in, 0, out, 0, n * n);
            return;
        }
        int width = n + 2 * half;
        int length = n * width;
        int tmp = length;
        for (int i = 0; i < n; i++) {
            int base = i * width;
            java.util.Arrays.fill(scratch, base, base + half, 0.0);
            System.arraycopy(in, i * n, scratch, base + half, n);
            java.util.Arrays.fill(scratch, base + half + n, base + width, 0.0);
        }
        // along rows: tmp[p] = Σ_m k[m]·padded[p + m − h]
        java.util.Arrays.fill(scratch, tmp, tmp + length, 0.0);
        for (int m = 0; m < k.length; m++) {
            int shift = m - half;
            double w = k[m];
            for (int p = half; p < length - half; p++) {
                scratch[tmp + p] += w * scratch[p + shift];
            }
        }
        // along columns: result[p] = Σ_m k[m]·tmp[p + (m − h)·width], rows outside the image omitted
        java.util.Arrays.fill(scratch, 0, length, 0.0);
        for (int m = 0; m < k.length; m++) {
            int shift = (m - half) * width;
            double w = k[m];
            int from = Math.max(0, -shift);
            int to = Math.min(length, length - shift);
            for (int p = from; p < to; p++) {
                scratch[p] += w * scratch[tmp + p + shift];
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(scratch, i * width + half, out, i * n, n);
        }
    }
}
