package org.sbi4j.nn;

import java.io.IOException;
import java.util.function.UnaryOperator;
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
    private final ModelCoordinates coordinates;
    private final ThetaBijection bijection;
    private final Standardizer thetaScaler;
    private final Standardizer xScaler;
    private final ConditionalDensityModel model;
    private final Precision precision;
    private final int dTheta;
    private final int dx;
    private Mat thetaChunk;
    private Mat xChunk;
    private Mat gradChunk;
    private double[] logq;
    private final double[] u;
    private final double[] t;

    private ConditionalDensity(DensityModelSpec spec, ModelCoordinates coordinates, ConditionalDensityModel model) {
        this.spec = spec;
        this.coordinates = coordinates;
        this.bijection = coordinates.bijection();
        this.thetaScaler = coordinates.theta();
        this.xScaler = coordinates.x();
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
        ModelCoordinates coordinates = ModelCoordinates.fit(bijection, theta, x, standardize);
        DensityModelSpec s = spec.copy();
        s.thetaDim = coordinates.thetaDim();
        s.contextDim = coordinates.contextDim();
        ConditionalDensityModel model = DensityModels.create(s, precision, initRng);
        return new ConditionalDensity(s, coordinates, model);
    }

    /** θ rows in model coordinates (bijection, then z-score). */
    public double[][] modelTheta(double[][] theta) {
        return coordinates.modelTheta(theta);
    }

    /** x rows in model coordinates (z-score). */
    public double[][] modelX(double[][] x) {
        return coordinates.modelX(x);
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
        return fit(theta, x, weights, config, rng, listener, UnaryOperator.identity());
    }

    /**
     * Trains like {@link #fit(double[][], double[][], double[], TrainingConfig, UniformRandomProvider,
     * TrainingListener)}, on an objective that wraps the maximum-likelihood one (e.g. one that zeroes the
     * gradient of some parameters). A wrapper that does not pass {@link TrainingObjective#newShard} on trains on
     * one shard.
     *
     * @param theta θ rows
     * @param x x rows
     * @param weights per-row weights or {@code null}
     * @param config training settings
     * @param rng split and shuffling stream
     * @param listener progress
     * @param wrap turns the density objective into the one trained
     * @return what happened; the best parameters are kept
     */
    public TrainingResult fit(double[][] theta, double[][] x, double[] weights, TrainingConfig config,
                              UniformRandomProvider rng, TrainingListener listener,
                              UnaryOperator<TrainingObjective> wrap) {
        DensityObjective objective = new DensityObjective(model,
                () -> DensityModels.create(spec, precision, RandomSource.XO_RO_SHI_RO_128_PP.create(0L)),
                modelTheta(theta), modelX(x), weights);
        return Trainer.train(wrap.apply(objective), config, rng, listener);
    }

    private void ensureChunk() {
        if (thetaChunk == null) {
            thetaChunk = Mat.zeros(precision, CHUNK, dTheta);
            xChunk = dx > 0 ? Mat.zeros(precision, CHUNK, dx) : null;
            logq = new double[CHUNK];
        }
    }

    /**
     * Writes a θ row in model coordinates into row {@code i} of the chunk, and the log-Jacobian of that map into
     * {@code extra[at]}.
     *
     * @return whether the row is inside the bijection's support (else the chunk row is 0)
     */
    private boolean loadTheta(int i, double[] row, double[] extra, int at) {
        boolean inside = bijection.inSupport(row);
        double ld = 0;
        if (inside) {
            ld = bijection.toUnconstrained(row, u);
        } else {
            java.util.Arrays.fill(u, 0.0);
        }
        for (int j = 0; j < dTheta; j++) {
            thetaChunk.set(i, j, thetaScaler.apply(j, u[j]));
        }
        extra[at] = ld + thetaScaler.logAbsDet();
        return inside;
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
                inside[from + i] = loadTheta(i, theta[from + i], extra, from + i);
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
     * log q(θ_r | x_r) per row and its gradient in x_r, the conditioning input, through the z-score of x and the
     * flow (its context gradient): what a likelihood estimator q(x | θ) needs to sample θ by gradient-based MCMC, θ
     * being its context. Rows outside the support get {@code −∞} and a zero gradient. Flows only (nsf, maf).
     *
     * @param theta θ rows (the modelled variable)
     * @param x x rows, one per θ row (the context)
     * @param gradX {@code n × contextDim}: d log q(θ_r | x_r) / d x_r is WRITTEN
     * @return log-densities
     * @throws UnsupportedOperationException for a mixture density network or an unconditional model
     */
    public double[] logDensityAndContextGradient(double[][] theta, double[][] x, double[][] gradX) {
        if (!(model instanceof ConditionalFlow flow) || dx == 0) {
            throw new UnsupportedOperationException("the context gradient needs a conditional flow (nsf or maf), "
                    + "not " + spec.type + (dx == 0 ? " without context" : ""));
        }
        ensureChunk();
        if (gradChunk == null) {
            gradChunk = Mat.zeros(precision, CHUNK, dx);
        }
        int n = theta.length;
        double[] out = new double[n];
        double[] extra = new double[n];
        double[] xScale = xScaler.scale();
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            boolean[] inside = new boolean[m];
            for (int i = 0; i < m; i++) {
                inside[i] = loadTheta(i, theta[from + i], extra, from + i);
                for (int j = 0; j < dx; j++) {
                    xChunk.set(i, j, xScaler.apply(j, x[from + i][j]));
                }
            }
            flow.logDensityAndContextGradient(thetaChunk, xChunk, m, logq, gradChunk);
            for (int i = 0; i < m; i++) {
                out[from + i] = inside[i] ? logq[i] + extra[from + i] : Double.NEGATIVE_INFINITY;
                for (int j = 0; j < dx; j++) {
                    gradX[from + i][j] = inside[i] ? gradChunk.get(i, j) / xScale[j] : 0.0;
                }
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
        return copy(precision);
    }

    /**
     * An independent copy with the same parameters in the given precision, e.g. float64 for the gradients an MCMC
     * sampler integrates.
     *
     * @param newPrecision the copy's buffer precision
     * @return the copy
     */
    public ConditionalDensity copy(Precision newPrecision) {
        ConditionalDensityModel m = DensityModels.create(spec, newPrecision,
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        m.parameters().importValues(model.parameters().exportDoubles());
        return new ConditionalDensity(spec, coordinates, m);
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
        coordinates.write(writer, prefix);
        writer.putProperty(prefix + "/parameter-count", Integer.toString(model.parameters().size()));
        model.parameters().write(writer, prefix + "/parameters");
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
        try {
            spec = DensityModelSpec.decode(reader.property(prefix + "/spec")).validate();
        } catch (IllegalArgumentException e) {
            throw new IOException("bad model entry under " + prefix + ": " + e.getMessage(), e);
        }
        ModelCoordinates coordinates = ModelCoordinates.read(reader, prefix, spec.thetaDim, spec.contextDim);
        ConditionalDensityModel model = DensityModels.create(spec, precision,
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        model.parameters().read(reader, prefix + "/parameters");
        return new ConditionalDensity(spec, coordinates, model);
    }
}
