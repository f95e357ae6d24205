package org.sbi4j.simulators.lensing;

import java.util.Arrays;

/**
 * Renders the noise-free model image M_psf(p) of the full 21-parameter lens model and back-propagates image
 * cotangents to the parameters.
 *
 * <p>Pixel (i, j) (row i, column j, data index i·N + j) is centred at ((j − (N−1)/2)Δ, (i − (N−1)/2)Δ). Each
 * pixel is split into s×s sub-pixels; per sub-pixel the ray is traced through {@link MassModel}, the source
 * {@link SersicProfile} is evaluated at β and the lens-light profile at θ. The pixel value is the mean over its
 * sub-pixels (surface brightness in image units per pixel), and {@link GaussianPsf} blurs the binned image.
 * The work runs one sub-pixel row at a time in buffers of length N·s, so nothing is allocated per pixel.
 *
 * <p>Immutable and shared; all mutable state lives in a {@link Workspace} made per call.
 */
final class LensRenderer {
    private final int pixels;
    private final int supersampling;
    private final int subPixels;
    private final double[] subX;
    private final double[] subY;
    private final GaussianPsf psf;
    private final double minAxisRatio;
    private final boolean lensLight;

    /**
     * @param pixels N
     * @param pixelScale Δ in arcsec
     * @param supersampling s
     * @param psf the PSF
     * @param minAxisRatio q_min
     * @param lensLight whether the lens-light component is rendered
     */
    LensRenderer(int pixels, double pixelScale, int supersampling, GaussianPsf psf, double minAxisRatio,
                 boolean lensLight) {
        this.pixels = pixels;
        this.supersampling = supersampling;
        this.subPixels = pixels * supersampling;
        this.psf = psf;
        this.minAxisRatio = minAxisRatio;
        this.lensLight = lensLight;
        this.subX = new double[subPixels];
        for (int c = 0; c < subPixels; c++) {
            int j = c / supersampling;
            int t = c % supersampling;
            subX[c] = (j - (pixels - 1) / 2.0) * pixelScale + ((t + 0.5) / supersampling - 0.5) * pixelScale;
        }
        this.subY = subX.clone();
    }

    private LensRenderer(LensRenderer other, boolean lensLight) {
        this.pixels = other.pixels;
        this.supersampling = other.supersampling;
        this.subPixels = other.subPixels;
        this.subX = other.subX;
        this.subY = other.subY;
        this.psf = other.psf;
        this.minAxisRatio = other.minAxisRatio;
        this.lensLight = lensLight;
    }

    /** N. */
    int pixels() {
        return pixels;
    }

    /** A fresh workspace for one thread. */
    Workspace newWorkspace() {
        return new Workspace(pixels, subPixels, minAxisRatio, psf.scratchLength(pixels));
    }

    /**
     * Renders M_psf.
     *
     * @param p full parameters in {@link LensParameter} order
     * @param ws scratch
     * @param model N² values out
     */
    void render(double[] p, Workspace ws, double[] model) {
        setParameters(p, ws);
        int n = pixels;
        int s = supersampling;
        int ns = subPixels;
        double[] binned = ws.image;
        Arrays.fill(binned, 0.0);
        for (int r = 0; r < ns; r++) {
            double y = subY[r];
            ws.mass.traceRow(y, subX, ns, ws.betaX, ws.betaY, ws.unitX, ws.unitY);
            ws.source.evaluate(ws.betaX, ws.betaY, ns, ws.values, false);
            if (lensLight) {
                Arrays.fill(ws.rowY, y);
                ws.light.evaluate(subX, ws.rowY, ns, ws.values, true);
            }
            int base = (r / s) * n;
            double[] v = ws.values;
            for (int j = 0, c = 0; j < n; j++) {
                double acc = 0;
                for (int t = 0; t < s; t++, c++) {
                    acc += v[c];
                }
                binned[base + j] += acc;
            }
        }
        double norm = 1.0 / (s * s);
        for (int k = 0; k < binned.length; k++) {
            binned[k] *= norm;
        }
        psf.convolve(binned, model, ws.scratch, n);
    }

    /**
     * Adds (∂M_psf/∂p)ᵀ·cotangent to {@code grad}.
     *
     * @param p full parameters
     * @param cotangent N² cotangents of M_psf (not modified)
     * @param ws scratch
     * @param grad full gradient, added to
     */
    void backward(double[] p, double[] cotangent, Workspace ws, double[] grad) {
        setParameters(p, ws);
        int n = pixels;
        int s = supersampling;
        int ns = subPixels;
        double[] gBinned = ws.image;
        psf.adjoint(cotangent, gBinned, ws.scratch, n);
        double norm = 1.0 / (s * s);
        double[] g = ws.values;
        for (int r = 0; r < ns; r++) {
            int base = (r / s) * n;
            boolean any = false;
            for (int j = 0, c = 0; j < n; j++) {
                double gj = gBinned[base + j] * norm;
                any |= gj != 0;
                for (int t = 0; t < s; t++, c++) {
                    g[c] = gj;
                }
            }
            if (!any) {
                continue;
            }
            double y = subY[r];
            ws.mass.traceRow(y, subX, ns, ws.betaX, ws.betaY, ws.unitX, ws.unitY);
            ws.source.backward(ws.betaX, ws.betaY, ns, g, ws.gradX, ws.gradY);
            ws.mass.backwardRow(y, subX, ns, ws.gradX, ws.gradY, ws.unitX, ws.unitY);
            if (lensLight) {
                Arrays.fill(ws.rowY, y);
                ws.light.backward(subX, ws.rowY, ns, g, ws.gradX, ws.gradY);
            }
        }
        ws.mass.addGradient(grad);
        ws.source.addGradient(grad, LensParameter.SRC_AMP.index());
        if (lensLight) {
            ws.light.addGradient(grad, LensParameter.LIGHT_AMP.index());
        }
    }

    private void setParameters(double[] p, Workspace ws) {
        ws.mass.set(p[LensParameter.THETA_E.index()], p[LensParameter.LENS_X.index()],
                p[LensParameter.LENS_Y.index()], p[LensParameter.LENS_E1.index()], p[LensParameter.LENS_E2.index()],
                p[LensParameter.SHEAR_G1.index()], p[LensParameter.SHEAR_G2.index()]);
        ws.source.set(p[LensParameter.SRC_AMP.index()], p[LensParameter.SRC_R.index()],
                p[LensParameter.SRC_N.index()], p[LensParameter.SRC_E1.index()], p[LensParameter.SRC_E2.index()],
                p[LensParameter.SRC_X.index()], p[LensParameter.SRC_Y.index()]);
        if (lensLight) {
            ws.light.set(p[LensParameter.LIGHT_AMP.index()], p[LensParameter.LIGHT_R.index()],
                    p[LensParameter.LIGHT_N.index()], p[LensParameter.LIGHT_E1.index()],
                    p[LensParameter.LIGHT_E2.index()], p[LensParameter.LIGHT_X.index()],
                    p[LensParameter.LIGHT_Y.index()]);
        }
    }

    /**
     * Renders the lensed source light alone (no lens light), blurred, for diagnostics; allocates.
     *
     * @param p full parameters
     * @return N² values
     */
    double[] renderSourceOnly(double[] p) {
        LensRenderer sourceOnly = new LensRenderer(this, false);
        double[] model = new double[pixels * pixels];
        sourceOnly.render(p, sourceOnly.newWorkspace(), model);
        return model;
    }

    /** Per-thread scratch of a {@link LensRenderer}. */
    static final class Workspace {
        final MassModel mass;
        final SersicProfile source;
        final SersicProfile light;
        final double[] image;
        final double[] scratch;
        final double[] betaX;
        final double[] betaY;
        final double[] unitX;
        final double[] unitY;
        final double[] values;
        final double[] rowY;
        final double[] gradX;
        final double[] gradY;

        Workspace(int pixels, int subPixels, double minAxisRatio, int scratchLength) {
            mass = new MassModel(minAxisRatio, subPixels);
            source = new SersicProfile(minAxisRatio, subPixels);
            light = new SersicProfile(minAxisRatio, subPixels);
            image = new double[pixels * pixels];
            scratch = new double[scratchLength];
            betaX = new double[subPixels];
            betaY = new double[subPixels];
            unitX = new double[subPixels];
            unitY = new double[subPixels];
            values = new double[subPixels];
            rowY = new double[subPixels];
            gradX = new double[subPixels];
            gradY = new double[subPixels];
        }
    }
}
