package org.sbi4j.runtime.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A smoothed two-dimensional histogram on an n × n grid: counts per cell, blurred with a Gaussian of 1.5 cells,
 * and the density levels that enclose given probability masses (highest-density regions).
 */
final class Density2d {
    private static final double BLUR_CELLS = 1.5;

    private final int n;
    /** Row-major, row 0 at the lowest y. */
    private final double[] grid;
    private final double[] descending;
    private final double total;

    private Density2d(int n, double[] grid) {
        this.n = n;
        this.grid = grid;
        double[] sorted = grid.clone();
        Arrays.sort(sorted);
        descending = new double[sorted.length];
        double sum = 0;
        for (int i = 0; i < sorted.length; i++) {
            descending[i] = sorted[sorted.length - 1 - i];
            sum += sorted[i];
        }
        total = sum;
    }

    /** Bins the finite pairs (x, y) inside [xLo, xHi] × [yLo, yHi] and smooths them. */
    static Density2d of(double[] x, double[] y, double xLo, double xHi, double yLo, double yHi, int n) {
        double[] counts = new double[n * n];
        double sx = n / (xHi - xLo);
        double sy = n / (yHi - yLo);
        for (int k = 0; k < x.length; k++) {
            double u = x[k];
            double v = y[k];
            if (!(u >= xLo && u <= xHi && v >= yLo && v <= yHi)) {
                continue; // also skips NaN
            }
            int c = Math.min((int) ((u - xLo) * sx), n - 1);
            int r = Math.min((int) ((v - yLo) * sy), n - 1);
            counts[r * n + c]++;
        }
        return new Density2d(n, blur(counts, n, BLUR_CELLS));
    }

    /** Grid size n (cells per side). */
    int size() {
        return n;
    }

    /** Smoothed count of the cell in column c (x) and row r (y, 0 at the bottom). */
    double at(int c, int r) {
        return grid[r * n + c];
    }

    double max() {
        return descending.length == 0 ? 0 : descending[0];
    }

    /**
     * The density level whose super-level set holds {@code mass} of the total (e.g. 0.68 for the 68% highest
     * density region); +∞ when the grid is empty.
     */
    double levelEnclosing(double mass) {
        if (!(total > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double target = mass * total;
        double sum = 0;
        for (double v : descending) {
            sum += v;
            if (sum >= target) {
                return v;
            }
        }
        return descending[descending.length - 1];
    }

    /**
     * An n × n image of the density (top row = highest y), from {@code light} at zero to {@code dark} at the
     * maximum ({@code gamma} bends the scale), opaque above {@code opaqueLevel} and fading out to transparent
     * towards zero below it.
     */
    BufferedImage image(double opaqueLevel, Color light, Color dark, double gamma) {
        BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB_PRE);
        double max = max();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = at(c, r);
                double t = max > 0 ? Math.pow(v / max, gamma) : 0;
                double alpha = opaqueLevel > 0 ? Math.min(1, Math.sqrt(v / opaqueLevel)) : 1;
                int rgb = Style.mix(light, dark, t).getRGB() & 0x00FFFFFF;
                image.setRGB(c, n - 1 - r, ((int) Math.round(alpha * 255) << 24) | rgb);
            }
        }
        return image;
    }

    /** Separable Gaussian blur with standard deviation {@code sigma} cells; mass leaving the grid is dropped. */
    private static double[] blur(double[] values, int n, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        double[] rows = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = values[r * n + c];
                if (v == 0) {
                    continue;
                }
                for (int k = -radius; k <= radius; k++) {
                    int cc = c + k;
                    if (cc >= 0 && cc < n) {
                        rows[r * n + cc] += v * kernel[k + radius];
                    }
                }
            }
        }
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = rows[r * n + c];
                if (v == 0) {
                    continue;
                }
                for (int k = -radius; k <= radius; k++) {
                    int rr = r + k;
                    if (rr >= 0 && rr < n) {
                        out[rr * n + c] += v * kernel[k + radius];
                    }
                }
            }
        }
        return out;
    }
}
