package org.sbi4j.estimators.abc;

/**
 * Per-component scales of simulated data. A component whose median absolute deviation is zero (e.g. mostly
 * one value) falls back to its standard deviation, and a constant component to 1: it cannot change which
 * simulations are closest anyway.
 */
final class DataScales {
    /** Makes the median absolute deviation of a normal sample estimate its standard deviation. */
    static final double MAD_TO_SD = 1.482602218505602;

    private DataScales() {
    }

    /**
     * Computes the scales.
     *
     * @param data {@code rows × columns} values, row-major
     * @param rows number of rows, at least 1
     * @param columns number of components
     * @param scale the rule
     * @return one positive, finite scale per component
     */
    static double[] of(double[] data, int rows, int columns, DataScale scale) {
        double[] scales = new double[columns];
        double[] column = scale == DataScale.MAD ? new double[rows] : null;
        for (int j = 0; j < columns; j++) {
            double s = 1;
            if (scale == DataScale.MAD) {
                s = MAD_TO_SD * medianAbsoluteDeviation(data, rows, columns, j, column);
                if (!(s > 0 && Double.isFinite(s))) {
                    s = standardDeviation(data, rows, columns, j);
                }
            } else if (scale == DataScale.SD) {
                s = standardDeviation(data, rows, columns, j);
            }
            scales[j] = s > 0 && Double.isFinite(s) ? s : 1;
        }
        return scales;
    }

    private static double medianAbsoluteDeviation(double[] data, int rows, int columns, int j, double[] work) {
        for (int i = 0; i < rows; i++) {
            work[i] = data[i * columns + j];
        }
        double median = median(work);
        for (int i = 0; i < rows; i++) {
            work[i] = Math.abs(data[i * columns + j] - median);
        }
        return median(work);
    }

    private static double standardDeviation(double[] data, int rows, int columns, int j) {
        if (rows < 2) {
            return 0;
        }
        double mean = 0;
        for (int i = 0; i < rows; i++) {
            mean += data[i * columns + j];
        }
        mean /= rows;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double d = data[i * columns + j] - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / (rows - 1));
    }

    /**
     * The median, in expected linear time; reorders {@code values}.
     *
     * @param values at least one value, none NaN
     * @return the middle value, or the mean of the two middle values for an even count
     */
    static double median(double[] values) {
        int n = values.length;
        double lowerMiddle = select(values, (n - 1) / 2);
        if (n % 2 == 1) {
            return lowerMiddle;
        }
        double upperMiddle = Double.POSITIVE_INFINITY;
        for (int i = n / 2; i < n; i++) {
            upperMiddle = Math.min(upperMiddle, values[i]);
        }
        return 0.5 * (lowerMiddle + upperMiddle);
    }

    /**
     * Hoare's selection with a median-of-three pivot: afterwards {@code values[k]} holds the k-th smallest
     * value, smaller or equal values lie before it and larger or equal ones after.
     */
    static double select(double[] values, int k) {
        int lo = 0;
        int hi = values.length - 1;
        while (hi > lo) {
            double pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return values[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
