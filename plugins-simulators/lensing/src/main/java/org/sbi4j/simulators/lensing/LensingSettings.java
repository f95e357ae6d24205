package org.sbi4j.simulators.lensing;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** Settings of the {@code lensing} simulator; the defaults give the 21-parameter model of {@link LensParameter}. */
public final class LensingSettings implements Settings {

    @Setting("image side N in pixels; the data are the N×N pixel values, row-major with rows along y; 8 to 512")
    public int pixels = 64;

    @Setting("pixel scale Δ in arcsec per pixel; (0, 1]")
    public double pixelScale = 0.08;

    @Setting("supersampling factor s: surface brightness is averaged over s×s sub-pixels per pixel; 1 to 8")
    public int supersampling = 2;

    @Setting("FWHM of the Gaussian PSF in arcsec, applied after binning; 0 disables it; [0, 2]")
    public double psfFwhm = 0.1;

    @Setting("background noise standard deviation σ_bkg per pixel, in image units; > 0 (the default 1 makes image "
            + "units noise units: arcs of the default prior have a median peak SNR of about 30)")
    public double noiseSigma = 1.0;

    @Setting("add the Poisson-like variance max(M, 0)/t_exp to σ_bkg² (M the noise-free pixel value)")
    public boolean poissonNoise = false;

    @Setting("exposure time t_exp of the Poisson-like term (image units are counts per unit time); > 0")
    public double exposureTime = 10;

    @Setting("smallest axis ratio q of mass and light ellipses; larger ellipticities are clipped; (0, 1)")
    public double minAxisRatio = 0.2;

    @Setting("include the external shear (shear_g1, shear_g2); false fixes it at 0")
    public boolean externalShear = true;

    @Setting("include the lens-light Sérsic (the light_* parameters)")
    public boolean lensLight = true;

    @Setting("tie the lens-light centre to the SIE centre, dropping light_x and light_y from θ")
    public boolean tieLightCenter = false;

    @Setting("parameters held fixed and dropped from θ, each written name=value, e.g. src_n=1")
    public List<String> fixed = new ArrayList<>();

    @Setting("default-prior range [low, high] of src_amp, the log10 of the source surface brightness at R_e")
    public double[] srcAmpRange = {0.0, 1.0};

    @Setting("default-prior range [low, high] of light_amp, the log10 of the lens-light surface brightness at R_e")
    public double[] lightAmpRange = {-0.5, 0.5};

    @Override
    public void validate() {
        if (pixels < 8 || pixels > 512) {
            throw new IllegalArgumentException("pixels = " + pixels + " is out of range; allowed 8 to 512");
        }
        if (!(pixelScale > 0 && pixelScale <= 1)) {
            throw new IllegalArgumentException("pixel-scale = " + pixelScale + " is out of range; allowed (0, 1]");
        }
        if (supersampling < 1 || supersampling > 8) {
            throw new IllegalArgumentException("supersampling = " + supersampling + " is out of range; allowed 1 to 8");
        }
        if (!(psfFwhm >= 0 && psfFwhm <= 2)) {
            throw new IllegalArgumentException("psf-fwhm = " + psfFwhm + " is out of range; allowed [0, 2]");
        }
        if (!(noiseSigma > 0) || !Double.isFinite(noiseSigma)) {
            throw new IllegalArgumentException("noise-sigma = " + noiseSigma + " must be positive and finite");
        }
        if (!(exposureTime > 0) || !Double.isFinite(exposureTime)) {
            throw new IllegalArgumentException("exposure-time = " + exposureTime + " must be positive and finite");
        }
        if (!(minAxisRatio > 0 && minAxisRatio < 1)) {
            throw new IllegalArgumentException("min-axis-ratio = " + minAxisRatio + " is out of range; allowed (0, 1)");
        }
        checkRange(srcAmpRange, "src-amp-range");
        checkRange(lightAmpRange, "light-amp-range");
        if (fixed == null) {
            throw new IllegalArgumentException("fixed must be a list (possibly empty) of name=value entries");
        }
        ParameterLayout.from(this);
    }

    private static void checkRange(double[] range, String name) {
        if (range == null || range.length != 2 || !Double.isFinite(range[0]) || !Double.isFinite(range[1])
                || !(range[1] > range[0]) || Math.abs(range[0]) > 30 || Math.abs(range[1]) > 30) {
            throw new IllegalArgumentException(name + " = " + java.util.Arrays.toString(range)
                    + " is not valid; give [low, high] with low < high, both finite within [-30, 30]");
        }
    }
}
