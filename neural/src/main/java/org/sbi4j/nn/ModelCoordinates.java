package org.sbi4j.nn;

import java.io.IOException;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;

/**
 * The map from the user's coordinates to a network's: θ through a {@link ThetaBijection} to unconstrained
 * space, then z-scored; x z-scored. Fitted once on the training data and saved with the model.
 *
 * @param bijection θ → unconstrained
 * @param theta the z-score of unconstrained θ
 * @param x the z-score of x
 */
public record ModelCoordinates(ThetaBijection bijection, Standardizer theta, Standardizer x) {

    /**
     * Fits the standardisation on training data.
     *
     * @param bijection θ → unconstrained map
     * @param theta training θ rows (inside the bijection's support)
     * @param x training x rows ({@code null} or zero-width rows when unconditional)
     * @param standardize z-score θ and x; otherwise identity scalers
     * @return the coordinates
     */
    public static ModelCoordinates fit(ThetaBijection bijection, double[][] theta, double[][] x,
                                       boolean standardize) {
        if (theta.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        int d = theta[0].length;
        int dx = x == null || x.length == 0 ? 0 : x[0].length;
        if (bijection.dimension() != d) {
            throw new IllegalArgumentException("bijection of dimension " + bijection.dimension() + " for θ of " + d);
        }
        Standardizer ts = standardize ? Standardizer.fit(unconstrained(bijection, theta)) : Standardizer.identity(d);
        Standardizer xs = standardize && dx > 0 ? Standardizer.fit(x) : Standardizer.identity(dx);
        return new ModelCoordinates(bijection, ts, xs);
    }

    /** Dimension of θ. */
    public int thetaDim() {
        return theta.dimension();
    }

    /** Dimension of x. */
    public int contextDim() {
        return x.dimension();
    }

    static double[][] unconstrained(ThetaBijection bijection, double[][] theta) {
        int d = bijection.dimension();
        double[][] out = new double[theta.length][d];
        for (int r = 0; r < theta.length; r++) {
            if (theta[r].length != d || !bijection.inSupport(theta[r])) {
                throw new IllegalArgumentException("θ row " + r + " is outside the support " + bijection.encode());
            }
            bijection.toUnconstrained(theta[r], out[r]);
        }
        return out;
    }

    /** θ rows in model coordinates (bijection, then z-score). */
    public double[][] modelTheta(double[][] rows) {
        double[][] out = unconstrained(bijection, rows);
        for (double[] row : out) {
            for (int i = 0; i < row.length; i++) {
                row[i] = theta.apply(i, row[i]);
            }
        }
        return out;
    }

    /** x rows in model coordinates (z-score); {@code null} when unconditional. */
    public double[][] modelX(double[][] rows) {
        int dx = x.dimension();
        if (dx == 0) {
            return null;
        }
        double[][] out = new double[rows.length][dx];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != dx) {
                throw new IllegalArgumentException("x row " + r + " has " + rows[r].length + " values, expected " + dx);
            }
            for (int i = 0; i < dx; i++) {
                out[r][i] = x.apply(i, rows[r][i]);
                if (!Double.isFinite(out[r][i])) {
                    throw new IllegalArgumentException("x row " + r + " is not finite");
                }
            }
        }
        return out;
    }

    /**
     * Writes property {@code prefix/bijection} and float64 arrays {@code prefix/theta-mean}, {@code
     * prefix/theta-scale}, {@code prefix/x-mean}, {@code prefix/x-scale}.
     *
     * @param writer destination
     * @param prefix name prefix
     * @throws IOException when writing fails
     */
    public void write(ModelWriter writer, String prefix) throws IOException {
        writer.putProperty(prefix + "/bijection", bijection.encode());
        writer.putArray(prefix + "/theta-mean", theta.mean(), theta.dimension());
        writer.putArray(prefix + "/theta-scale", theta.scale(), theta.dimension());
        writer.putArray(prefix + "/x-mean", x.mean(), x.dimension());
        writer.putArray(prefix + "/x-scale", x.scale(), x.dimension());
    }

    /**
     * Reads what {@link #write} wrote and checks it against the architecture's dimensions.
     *
     * @param reader source
     * @param prefix name prefix
     * @param thetaDim the expected dimension of θ
     * @param contextDim the expected dimension of x
     * @return the coordinates
     * @throws IOException when an entry is missing, malformed or of the wrong dimension
     */
    public static ModelCoordinates read(ModelReader reader, String prefix, int thetaDim, int contextDim)
            throws IOException {
        ModelCoordinates c;
        try {
            c = new ModelCoordinates(ThetaBijection.decode(reader.property(prefix + "/bijection")),
                    new Standardizer(reader.array(prefix + "/theta-mean"), reader.array(prefix + "/theta-scale")),
                    new Standardizer(reader.array(prefix + "/x-mean"), reader.array(prefix + "/x-scale")));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad coordinates under " + prefix + ": " + e.getMessage(), e);
        }
        if (c.theta.dimension() != thetaDim || c.x.dimension() != contextDim
                || c.bijection.dimension() != thetaDim) {
            throw new IOException("dimensions under " + prefix + " do not match the architecture (θ " + thetaDim
                    + ", x " + contextDim + ")");
        }
        return c;
    }
}
