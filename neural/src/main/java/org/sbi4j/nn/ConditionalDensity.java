package org.sbi4j.nn;

import java.io.IOException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.TrainingListener;

/**
 * A trainable conditional density q(θ | x) in the user's coordinates: θ goes through a {@link ThetaBijection}
 * to unconstrained space and is z-scored, x is z-scored, and a {@link ConditionalDensityModel} (flow or MDN)
 * models the result. Densities in θ include every Jacobian, so they are exact densities on the prior's
 * support. This is what a neural estimator (NPE, likelihood-weighted flow) holds: {@link #create} from
 * training data, {@link #fit}, then {@link #logDensity} / {@link #sample}, and {@link #write} / {@link #read}
 * for a model file. Not thread-safe: give each thread its own {@link #copy()}.
 */
public final class ConditionalDensity {

    /** Rows per internal batch when evaluating or sampling many points. */
    public static final int CHUNK = 4096;

    private final DensityModelSpec spec;
    private final ThetaBijection bijection;
    private final Standardizer thetaScaler;
    private final Standardizer xScaler;
    private final ConditionalDensityModel model;
    private final Precision precision;
    private final int dTheta;
    private final int dx;
    private Mat thetaChunk;
    private Mat xChunk;
    private double[] logq;
    private final double[] u;
    private final double[] t;

    private ConditionalDensity(DensityModelSpec spec, ThetaBijection bijection, Standardizer thetaScaler,
                               Standardizer xScaler, ConditionalDensityModel model) {
        this.spec = spec;
        this.bijection = bijection;
        this.thetaScaler = thetaScaler;
        this.xScaler = xScaler;
        this.model = model;
        this.precision = model.parameters().precision();
        this.dTheta = spec.thetaDim;
        this.dx = spec.contextDim;
        this.u = new double[dTheta];
        this.t = new double[dTheta];
    }

    /**
     * Builds an untrained model whose standardisation is fitted on the given training data (after the
     * bijection). The spec's {@code thetaDim} and {@code contextDim} are taken from the data.
     *
     * @param spec architecture (copied)
     * @param bijection θ → unconstrained map, e.g. {@link ThetaBijection#forPrior}
     * @param theta training θ rows (inside the bijection's support)
     * @param x training x rows (same count; {@code null} or zero-width rows for an unconditional model)
     * @param standardize z-score θ and x (sbi's default); otherwise identity scalers
     * @param precision {@link Precision#FLOAT32} for training
     * @param initRng parameter initialisation stream
     * @return the model
     */
    public static ConditionalDensity create(DensityModelSpec spec, ThetaBijection bijection, double[][] theta,
                                            double[][] x, boolean standardize, Precision precision,
                                            UniformRandomProvider initRng) {
        if (theta.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        DensityModelSpec s = spec.copy();
        s.thetaDim = theta[0].length;
        s.contextDim = x == null ? 0 : x[0].length;
        if (bijection.dimension() != s.thetaDim) {
            throw new IllegalArgumentException("bijection of dimension " + bijection.dimension() + " for θ of "
                    + s.thetaDim);
        }
        double[][] uRows = unconstrained(bijection, theta);
        Standardizer ts = standardize ? Standardizer.fit(uRows) : Standardizer.identity(s.thetaDim);
        Standardizer xs = standardize && s.contextDim > 0 ? Standardizer.fit(x) : Standardizer.identity(s.contextDim);
        ConditionalDensityModel model = DensityModels.create(s, precision, initRng);
        return new ConditionalDensity(s, bijection, ts, xs, model);
    }

    private static double[][] unconstrained(ThetaBijection bijection, double[][] theta) {
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
    public double[][] modelTheta(double[][] theta) {
        double[][] out = unconstrained(bijection, theta);
        for (double[] row : out) {
            for (int i = 0; i < dTheta; i++) {
                row[i] = thetaScaler.apply(i, row[i]);
            }
        }
        return out;
    }

    /** x rows in model coordinates (z-score). */
    public double[][] modelX(double[][] x) {
        if (dx == 0) {
            return null;
        }
        double[][] out = new double[x.length][dx];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != dx) {
                throw new IllegalArgumentException("x row " + r + " has " + x[r].length + " values, expected " + dx);
            }
            for (int i = 0; i < dx; i++) {
                out[r][i] = xScaler.apply(i, x[r][i]);
                if (!Double.isFinite(out[r][i])) {
                    throw new IllegalArgumentException("x row " + r + " is not finite");
                }
            }
        }
        return out;
    }

    /**
     * Trains by maximum likelihood (optionally weighted) with {@link Trainer}.
     *
     * @param theta θ rows
     * @param x x rows
     * @param weights per-row weights or {@code null}
     * @param config training settings
     * @param rng split and shuffling stream
     * @param listener progress
     * @return what happened; the best parameters are kept
     */
    public TrainingResult fit(double[][] theta, double[][] x, double[] weights, TrainingConfig config,
                              UniformRandomProvider rng, TrainingListener listener) {
        DensityObjective objective = new DensityObjective(model, modelTheta(theta), modelX(x), weights);
        return Trainer.train(objective, config, rng, listener);
    }

    private void ensureChunk() {
        if (thetaChunk == null) {
            thetaChunk = Mat.zeros(precision, CHUNK, dTheta);
            xChunk = dx > 0 ? Mat.zeros(precision, CHUNK, dx) : null;
            logq = new double[CHUNK];
        }
    }

    /**
     * log q(θ_r | x_r) per row; {@code −∞} outside the support.
     *
     * @param theta θ rows
     * @param x x rows (one per θ row), or {@code null} when unconditional
     * @return log-densities
     */
    public double[] logDensity(double[][] theta, double[][] x) {
        return logDensity(theta, x, null);
    }

    /**
     * log q(θ_r | x₀) for every row with one fixed x₀.
     *
     * @param theta θ rows
     * @param x0 the conditioning x
     * @return log-densities
     */
    public double[] logDensity(double[][] theta, double[] x0) {
        return logDensity(theta, null, x0);
    }

    private double[] logDensity(double[][] theta, double[][] xs, double[] x0) {
        ensureChunk();
        int n = theta.length;
        double[] out = new double[n];
        boolean[] inside = new boolean[n];
        double[] extra = new double[n];
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            for (int i = 0; i < m; i++) {
                double[] row = theta[from + i];
                inside[from + i] = bijection.inSupport(row);
                double ld = 0;
                if (inside[from + i]) {
                    ld = bijection.toUnconstrained(row, u);
                } else {
                    java.util.Arrays.fill(u, 0.0);
                }
                for (int j = 0; j < dTheta; j++) {
                    thetaChunk.set(i, j, thetaScaler.apply(j, u[j]));
                }
                extra[from + i] = ld + thetaScaler.logAbsDet();
                if (dx > 0) {
                    double[] xr = x0 != null ? x0 : xs[from + i];
                    for (int j = 0; j < dx; j++) {
                        xChunk.set(i, j, xScaler.apply(j, xr[j]));
                    }
                }
            }
            model.logDensity(thetaChunk, xChunk, m, logq);
            for (int i = 0; i < m; i++) {
                out[from + i] = inside[from + i] ? logq[i] + extra[from + i] : Double.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    /**
     * Draws from q(θ | x₀).
     *
     * @param x0 the conditioning x ({@code null} or empty when unconditional)
     * @param n number of draws
     * @param rng randomness
     * @param logDensity if not {@code null} (length ≥ n), receives log q of each draw in θ coordinates
     * @return {@code n} rows of θ
     */
    public double[][] sample(double[] x0, int n, UniformRandomProvider rng, double[] logDensity) {
        ensureChunk();
        double[][] out = new double[n][dTheta];
        if (dx > 0) {
            for (int i = 0; i < Math.min(n, CHUNK); i++) {
                for (int j = 0; j < dx; j++) {
                    xChunk.set(i, j, xScaler.apply(j, x0[j]));
                }
            }
        }
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            model.sample(xChunk, m, rng, thetaChunk, logDensity == null ? null : logq);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < dTheta; j++) {
                    u[j] = thetaScaler.invert(j, thetaChunk.get(i, j));
                }
                double ld = bijection.toConstrained(u, t);
                System.arraycopy(t, 0, out[from + i], 0, dTheta);
                if (logDensity != null) {
                    logDensity[from + i] = logq[i] + thetaScaler.logAbsDet() - ld;
                }
            }
        }
        return out;
    }

    /** The architecture (with the data's dimensions). */
    public DensityModelSpec spec() {
        return spec.copy();
    }

    /** The θ bijection. */
    public ThetaBijection bijection() {
        return bijection;
    }

    /** The θ standardiser (in unconstrained coordinates). */
    public Standardizer thetaStandardizer() {
        return thetaScaler;
    }

    /** The x standardiser. */
    public Standardizer xStandardizer() {
        return xScaler;
    }

    /** The underlying network in model coordinates. */
    public ConditionalDensityModel model() {
        return model;
    }

    /** An independent copy with the same parameters (for another thread). */
    public ConditionalDensity copy() {
        ConditionalDensityModel m = DensityModels.create(spec, precision,
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        m.parameters().importValues(model.parameters().exportDoubles());
        return new ConditionalDensity(spec, bijection, thetaScaler, xScaler, m);
    }

    /**
     * Saves architecture, transforms and parameters under {@code prefix} (e.g. {@code "flow"}): properties
     * {@code prefix/spec}, {@code prefix/bijection}, {@code prefix/parameter-count}; float32 array
     * {@code prefix/parameters}; float64 arrays {@code prefix/theta-mean}, {@code prefix/theta-scale},
     * {@code prefix/x-mean}, {@code prefix/x-scale}.
     *
     * @param writer destination
     * @param prefix name prefix
     * @throws IOException when writing fails
     */
    public void write(ModelWriter writer, String prefix) throws IOException {
        writer.putProperty(prefix + "/spec", spec.encode());
        writer.putProperty(prefix + "/bijection", bijection.encode());
        writer.putProperty(prefix + "/parameter-count", Integer.toString(model.parameters().size()));
        float[] p = model.parameters().exportFloats();
        writer.putFloatArray(prefix + "/parameters", p, p.length);
        writer.putArray(prefix + "/theta-mean", thetaScaler.mean(), dTheta);
        writer.putArray(prefix + "/theta-scale", thetaScaler.scale(), dTheta);
        writer.putArray(prefix + "/x-mean", xScaler.mean(), dx);
        writer.putArray(prefix + "/x-scale", xScaler.scale(), dx);
    }

    /**
     * Restores what {@link #write} saved.
     *
     * @param reader source
     * @param prefix name prefix used when writing
     * @param precision buffer precision of the restored model
     * @return the model
     * @throws IOException when an entry is missing or inconsistent
     */
    public static ConditionalDensity read(ModelReader reader, String prefix, Precision precision) throws IOException {
        DensityModelSpec spec;
        ThetaBijection bijection;
        try {
            spec = DensityModelSpec.decode(reader.property(prefix + "/spec")).validate();
            bijection = ThetaBijection.decode(reader.property(prefix + "/bijection"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad model entry under " + prefix + ": " + e.getMessage(), e);
        }
        ConditionalDensityModel model = DensityModels.create(spec, precision,
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        float[] p = reader.floatArray(prefix + "/parameters");
        if (p.length != model.parameters().size()) {
            throw new IOException(prefix + "/parameters has " + p.length + " values, the architecture needs "
                    + model.parameters().size());
        }
        model.parameters().importValues(p);
        Standardizer ts;
        Standardizer xs;
        try {
            ts = new Standardizer(reader.array(prefix + "/theta-mean"), reader.array(prefix + "/theta-scale"));
            xs = new Standardizer(reader.array(prefix + "/x-mean"), reader.array(prefix + "/x-scale"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad standardisation under " + prefix + ": " + e.getMessage(), e);
        }
        if (ts.dimension() != spec.thetaDim || xs.dimension() != spec.contextDim
                || bijection.dimension() != spec.thetaDim) {
            throw new IOException("dimensions under " + prefix + " do not match the spec " + spec.encode());
        }
        return new ConditionalDensity(spec, bijection, ts, xs, model);
    }
}
