package org.sbi4j.simulators.lensing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes N×N images as grayscale PNGs (asinh stretch, y up, nearest-neighbour enlarged) for eyeballing. */
final class PngImages {
    private PngImages() {
    }

    /**
     * @param image N² values, row-major, row 0 at the bottom (smallest y)
     * @param n side
     * @param softening asinh softening in image units (values well above it are compressed logarithmically)
     * @param zoom enlargement factor
     * @param file where to write
     * @throws IOException when writing fails
     */
    static void write(double[] image, int n, double softening, int zoom, Path file) throws IOException {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] stretched = new double[image.length];
        for (int k = 0; k < image.length; k++) {
            stretched[k] = asinh(image[k] / softening);
            lo = Math.min(lo, stretched[k]);
            hi = Math.max(hi, stretched[k]);
        }
        BufferedImage png = new BufferedImage(n * zoom, n * zoom, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int level = (int) Math.round(255 * (stretched[i * n + j] - lo) / Math.max(hi - lo, 1e-300));
                int rgb = (level << 16) | (level << 8) | level;
                for (int a = 0; a < zoom; a++) {
                    for (int b = 0; b < zoom; b++) {
                        png.setRGB(j * zoom + b, (n - 1 - i) * zoom + a, rgb);
                    }
                }
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
    }

    private static double asinh(double v) {
        return Math.log(v + Math.sqrt(v * v + 1));
    }
}
