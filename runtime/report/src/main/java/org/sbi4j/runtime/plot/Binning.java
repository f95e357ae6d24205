package org.sbi4j.runtime.plot;

import java.util.Arrays;

/** One-dimensional binning and quantiles; non-finite values are skipped. */
final class Binning {
    private Binning() {
    }

    /**
     * A histogram normalised as a density over all finite values (so it integrates to the fraction of finite
     * values inside [lo, hi]).
     */
    static double[] density(double[] values, double lo, double hi, int bins) {
        double[] counts = new double[bins];
        double scale = bins / (hi - lo);
        int finite = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            finite++;
            if (v < lo || v > hi) {
                continue;
            }
            int b = (int) ((v - lo) * scale);
            counts[Math.min(b, bins - 1)]++;
        }
        double norm = finite == 0 ? 0 : scale / finite;
        for (int b = 0; b < bins; b++) {
            counts[b] *= norm;
        }
        return counts;
    }

    /** Sorted finite values. */
    static double[] sortedFinite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    }

    /** The q-quantile (linear interpolation) of sorted, non-empty data. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double weight = position - below;
        return sorted[below] + weight * (sorted[above] - sorted[below]);
    }

    /** The x coordinates and heights of a histogram drawn as a closed step outline from 0 to 0. */
    static double[][] stepOutline(double[] heights, double lo, double hi) {
        int bins = heights.length;
        double width = (hi - lo) / bins;
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        x[0] = lo;
        y[0] = 0;
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = lo + b * width;
            y[2 * b + 1] = heights[b];
            x[2 * b + 2] = b + 1 == bins ? hi : lo + (b + 1) * width;
            y[2 * b + 2] = heights[b];
        }
        x[2 * bins + 1] = hi;
        y[2 * bins + 1] = 0;
        return new double[][] {x, y};
    }
}
