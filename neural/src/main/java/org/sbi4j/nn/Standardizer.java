package org.sbi4j.nn;

/**
 * Per-coordinate z-scoring {@code s = (v − mean) / scale}, fitted on training data. A coordinate whose
 * standard deviation is zero, tiny relative to its mean, or not finite gets scale 1, so constant inputs pass
 * through shifted but never divide by zero. {@code log|det ∂s/∂v| = −Σ log scale}.
 */
public final class Standardizer {

    private final double[] mean;
    private final double[] scale;
    private final double logDet;

    /**
     * Explicit statistics.
     *
     * @param mean per-coordinate mean
     * @param scale per-coordinate scale (positive, finite)
     */
    public Standardizer(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean and scale lengths differ");
        }
        double ld = 0;
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("bad standardisation at " + i + ": mean " + mean[i] + ", scale "
                        + scale[i]);
            }
            ld -= Math.log(scale[i]);
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.logDet = ld;
    }

    /** The identity in {@code dim} coordinates. */
    public static Standardizer identity(int dim) {
        double[] ones = new double[dim];
        java.util.Arrays.fill(ones, 1.0);
        return new Standardizer(new double[dim], ones);
    }

    /**
     * Mean and (population) standard deviation of each column.
     *
     * @param rows data, all rows of one length; at least one row
     * @return the standardiser
     */
    public static Standardizer fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot standardise zero rows");
        }
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] m2 = new double[d];
        // Welford, for accuracy with large offsets
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < d; j++) {
                double v = rows[r][j];
                double delta = v - mean[j];
                mean[j] += delta / (r + 1);
                m2[j] += delta * (v - mean[j]);
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(m2[j] / rows.length);
            boolean usable = Double.isFinite(sd) && sd > 1e-12 * Math.max(1.0, Math.abs(mean[j]));
            scale[j] = usable ? sd : 1.0;
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("column " + j + " has a non-finite mean");
            }
        }
        return new Standardizer(mean, scale);
    }

    /** Number of coordinates. */
    public int dimension() {
        return mean.length;
    }

    /** The means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The scales (a copy). */
    public double[] scale() {
        return scale.clone();
    }

    /** {@code log|det ∂s/∂v| = −Σ log scale}. */
    public double logAbsDet() {
        return logDet;
    }

    /** Coordinate {@code i} standardised. */
    public double apply(int i, double v) {
        return (v - mean[i]) / scale[i];
    }

    /** Coordinate {@code i} back to data units. */
    public double invert(int i, double s) {
        return s * scale[i] + mean[i];
    }
}
