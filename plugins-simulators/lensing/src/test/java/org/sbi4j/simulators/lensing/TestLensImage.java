package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/**
 * Renders the default lens at a typical parameter (θ_E = 1.2″, source next to the tangential caustic) to
 * target/lensing/*.png and checks that the lensed source forms a ring of arcs around the Einstein radius.
 */
class TestLensImage {
    /** θ_E 1.2, SIE q ≈ 0.8, mild shear; R_e = 0.2″ source at (0.05, 0.03)″; n = 4 lens light. */
    static final double[] TYPICAL = {
        1.2, 0.0, 0.0, 0.1, -0.05, 0.02, 0.01,
        0.5, 0.2, 1.5, 0.1, 0.05, 0.05, 0.03,
        0.0, 1.0, 4.0, 0.05, 0.0, 0.0, 0.0};

    private final LensingSimulator simulator = new LensingSimulator();

    @Test
    void defaultLensShowsAnEinsteinRingOfArcs() throws IOException {
        int n = simulator.pixels();
        double[] observed = simulator.simulate(new double[][] {TYPICAL}, SeededRandom.of(42)).row(0);
        double[] model = simulator.modelImage(TYPICAL);
        double[] lensed = simulator.sourceImage(TYPICAL);
        Path dir = Path.of("target", "lensing");
        PngImages.write(observed, n, 2.0, 4, dir.resolve("default-lens.png"));
        PngImages.write(model, n, 2.0, 4, dir.resolve("default-lens-model.png"));
        PngImages.write(lensed, n, 2.0, 4, dir.resolve("default-lens-source.png"));
        assertThat(Files.size(dir.resolve("default-lens.png"))).isPositive();

        double thetaE = TYPICAL[0];
        assertThat(annulusFraction(lensed, thetaE)).as("share of the lensed source flux within 0.6–1.4 θ_E")
                .isGreaterThan(0.8);
        assertThat(azimuthalCoverage(lensed, thetaE)).as("share of 10° sectors of the annulus holding an arc")
                .isGreaterThan(0.6);

        // without the lens the same source sits compactly at the centre
        double[] unlensedTheta = TYPICAL.clone();
        unlensedTheta[0] = 0;
        unlensedTheta[5] = 0;
        unlensedTheta[6] = 0;
        assertThat(annulusFraction(simulator.sourceImage(unlensedTheta), thetaE)).isLessThan(0.1);

        double peak = 0;
        for (double v : lensed) {
            peak = Math.max(peak, v);
        }
        assertThat(peak / simulator.noiseSigma()).as("peak SNR of the arcs").isBetween(20.0, 50.0);
    }

    private double radius(int k) {
        int n = simulator.pixels();
        double x = (k % n - (n - 1) / 2.0) * simulator.pixelScale();
        double y = (k / n - (n - 1) / 2.0) * simulator.pixelScale();
        return Math.hypot(x, y);
    }

    private double annulusFraction(double[] image, double thetaE) {
        double inside = 0;
        double total = 0;
        for (int k = 0; k < image.length; k++) {
            double r = radius(k);
            total += image[k];
            if (r >= 0.6 * thetaE && r <= 1.4 * thetaE) {
                inside += image[k];
            }
        }
        return inside / total;
    }

    private double azimuthalCoverage(double[] image, double thetaE) {
        int n = simulator.pixels();
        int sectors = 36;
        double[] sectorPeak = new double[sectors];
        double peak = 0;
        for (int k = 0; k < image.length; k++) {
            double r = radius(k);
            if (r < 0.6 * thetaE || r > 1.4 * thetaE) {
                continue;
            }
            double x = (k % n - (n - 1) / 2.0);
            double y = (k / n - (n - 1) / 2.0);
            int s = (int) ((Math.atan2(y, x) + Math.PI) / (2 * Math.PI) * sectors) % sectors;
            sectorPeak[s] = Math.max(sectorPeak[s], image[k]);
            peak = Math.max(peak, image[k]);
        }
        int bright = 0;
        for (double p : sectorPeak) {
            if (p > 0.1 * peak) {
                bright++;
            }
        }
        return (double) bright / sectors;
    }
}
