package org.sbi4j.nn;

import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.nn.ode.OdeFunction;
import org.sbi4j.nn.ode.OdeReport;
import org.sbi4j.nn.ode.OdeSolver;

/**
 * A trainable flow-matching posterior q(θ | x) in the user's coordinates (FMPE; spec §1): θ goes through a
 * {@link ThetaBijection} to unconstrained space and is z-scored, x is z-scored ({@link ModelCoordinates}), and a
 * {@link VectorFieldNetwork} v(t, θ, x) carries N(0, I) at t = 0 to the posterior at t = 1. The counterpart of
 * {@link ConditionalDensity} for continuous flows: {@link #create}, {@link #fit} with the
 * {@link FlowMatchingObjective}, then {@link #sample} (the ODE forward from noise, optionally with the log density
 * in the same pass) and {@link #logDensity} (the augmented ODE backward), {@link #write} / {@link #read} for a
 * model file. Densities in θ include every Jacobian. Rows are integrated in near-equal pieces of at most
 * {@value #CHUNK} (those of {@link ShardedFlow} with one shard): an adaptive solver shares one step size per piece, so results
 * depend on the rows given, never on threads; {@link ShardedFlow} integrates the pieces on several threads.
 * Not thread-safe: give each thread its own {@link #copy()}.
 */
public final class ConditionalVectorField {

    /** Most rows per ODE solve. */
    public static final int CHUNK = 4096;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final VectorFieldSpec spec;
    private final ModelCoordinates coordinates;
    private final ParameterSet params;
    private final VectorFieldNetwork net;
    private final FlowOde ode;
    private final int d;
    private final int dx;
    private final Mat xRow;
    private final double[] u;
    private final double[] th;
    private OdeReport lastReport = OdeReport.NONE;

    private ConditionalVectorField(VectorFieldSpec spec, ModelCoordinates coordinates, Precision precision,
                                   UniformRandomProvider initRng) {
        this.spec = spec;
        this.coordinates = coordinates;
        ParameterSet.Builder b = ParameterSet.builder(precision);
        this.net = new VectorFieldNetwork(b, "field", spec);
        this.params = b.build(initRng);
        this.ode = new FlowOde(net);
        this.d = spec.thetaDim;
        this.dx = spec.contextDim;
        this.xRow = Mat.zeros(precision, 1, Math.max(1, dx));
        this.u = new double[d];
        this.th = new double[d];
    }

    /**
     * Builds an untrained field whose standardisation is fitted on the given training data (after the bijection).
     * The spec's {@code thetaDim} and {@code contextDim} are taken from the data.
     *
     * @param spec architecture (copied)
     * @param bijection θ → unconstrained map
     * @param theta training θ rows (inside the bijection's support)
     * @param x training x rows
     * @param standardize z-score θ and x
     * @param precision {@link Precision#FLOAT32} for training
     * @param initRng parameter initialisation stream
     * @return the field
     */
    public static ConditionalVectorField create(VectorFieldSpec spec, ThetaBijection bijection, double[][] theta,
                                                double[][] x, boolean standardize, Precision precision,
                                                UniformRandomProvider initRng) {
        ModelCoordinates coordinates = ModelCoordinates.fit(bijection, theta, x, standardize);
        VectorFieldSpec s = spec.copy();
        s.thetaDim = coordinates.thetaDim();
        s.contextDim = coordinates.contextDim();
        s.validate();
        return new ConditionalVectorField(s, coordinates, precision, initRng);
    }

    /**
     * Trains with the flow-matching loss and {@link Trainer}.
     *
     * @param theta θ rows
     * @param x x rows
     * @param sigmaMin σ_min of the probability path
     * @param alpha the time-prior exponent
     * @param config training settings
     * @param rng split and shuffling stream
     * @param noise the training draws of t and θ₀
     * @param listener progress
     * @return what happened; the best parameters are kept
     */
    public TrainingResult fit(double[][] theta, double[][] x, double sigmaMin, double alpha, TrainingConfig config,
                              UniformRandomProvider rng, UniformRandomProvider noise, TrainingListener listener) {
        FlowMatchingObjective objective = new FlowMatchingObjective(net, params, coordinates.modelTheta(theta),
                coordinates.modelX(x), sigmaMin, alpha, noise, noise.nextLong(),
                () -> new ConditionalVectorField(spec, coordinates, params.precision(),
                        RandomSource.XO_RO_SHI_RO_128_PP.create(0L)));
        return Trainer.train(objective, config, rng, listener);
    }

    private void setObservation(double[] x0, int m) {
        for (int j = 0; j < dx; j++) {
            xRow.set(0, j, coordinates.x().apply(j, x0[j]));
        }
        if (dx > 0) {
            net.setSharedContext(xRow, m);
        } else {
            net.ensureCapacity(m);
        }
    }

    /**
     * Draws from q(θ | x₀) by integrating dθ/dt = v from noise at t = 0 to t = 1; with {@code logDensity}, the
     * augmented ODE gives each draw's log density in the same pass.
     *
     * @param x0 the conditioning x
     * @param n number of draws
     * @param rng the noise (drawn chunk by chunk, in row order)
     * @param solver the ODE solver (not shared with another thread)
     * @param logDensity if not {@code null} (length ≥ n), receives log q of each draw in θ coordinates
     * @param divergence the divergence of the augmented ODE: {@code null} exact, else Hutchinson probes from it
     * @param probes Hutchinson probes per evaluation
     * @return {@code n} rows of θ
     */
    public double[][] sample(double[] x0, int n, UniformRandomProvider rng, OdeSolver solver, double[] logDensity,
                             UniformRandomProvider divergence, int probes) {
        return sample(x0, n, rng, solver, logDensity, divergence, probes, null);
    }

    /**
     * Replaces the right-hand side of sampling for one chunk of rows (simulator feedback: a control added to the
     * velocity). The state is in model coordinates (unconstrained, standardised θ), {@code rows × d}.
     */
    @FunctionalInterface
    public interface VelocityControl {
        /**
         * @param velocity the plain flow's right-hand side for this chunk (its x-context is set)
         * @param from index of the chunk's first row among all n draws
         * @param rows rows in the chunk
         * @return the right-hand side to integrate instead
         */
        OdeFunction control(OdeFunction velocity, int from, int rows);
    }

    /**
     * As {@link #sample(double[], int, UniformRandomProvider, OdeSolver, double[], UniformRandomProvider, int)}
     * without densities, integrating the right-hand side {@code control} builds from the flow's velocity; the
     * same generator gives the same θ₀ as the plain flow.
     *
     * @param x0 the conditioning x
     * @param n number of draws
     * @param rng the noise θ₀ (drawn chunk by chunk, in row order)
     * @param solver the ODE solver (not shared with another thread)
     * @param control builds each chunk's right-hand side
     * @return {@code n} rows of θ
     */
    public double[][] sample(double[] x0, int n, UniformRandomProvider rng, OdeSolver solver,
                             VelocityControl control) {
        return sample(x0, n, rng, solver, null, null, 0, control);
    }

    private double[][] sample(double[] x0, int n, UniformRandomProvider rng, OdeSolver solver, double[] logDensity,
                              UniformRandomProvider divergence, int probes, VelocityControl control) {
        return sample(x0, n, 1, rng, logDensity, divergence, probes, control, inOrder(solver));
    }

    /** One piece's work on a field (this one or a copy) with a solver. */
    @FunctionalInterface
    interface PieceWork {
        /**
         * @param field the field that integrates the piece
         * @param solver the solver it uses
         * @param piece the piece's index
         */
        void run(ConditionalVectorField field, OdeSolver solver, int piece);
    }

    /** Runs the work of every piece of one call once (on this thread in order, or shared out over threads). */
    @FunctionalInterface
    interface PieceRunner {
        /**
         * @param pieces how the rows are cut
         * @param rows the call's row count
         * @param withDensity whether the pieces integrate the augmented ODE
         * @param work one piece's work
         */
        void run(RowPieces pieces, int rows, boolean withDensity, PieceWork work);
    }

    /** Every piece in order on this field with {@code solver}. */
    private PieceRunner inOrder(OdeSolver solver) {
        return (pieces, rows, withDensity, work) -> {
            for (int k = 0; k < pieces.count(); k++) {
                work.run(this, solver, k);
            }
        };
    }

    /**
     * Draws in {@link RowPieces} of {@code shards}: the starting states in row order, one probe generator per piece,
     * then the pieces' solves as {@code runner} schedules them, each writing its own rows.
     *
     * @param x0 the conditioning x
     * @param n number of draws
     * @param shards the shard count of the cut
     * @param rng the noise
     * @param logDensity receives log q of each draw, or {@code null}
     * @param divergence {@code null} for the exact divergence, else the source of each piece's Hutchinson probes
     * @param probes Hutchinson probes per evaluation
     * @param control replaces the velocity (no density then), or {@code null}
     * @param runner runs the pieces
     * @return {@code n} rows of θ
     */
    double[][] sample(double[] x0, int n, int shards, UniformRandomProvider rng, double[] logDensity,
                      UniformRandomProvider divergence, int probes, VelocityControl control, PieceRunner runner) {
        RowPieces pieces = new RowPieces(n, shards);
        double[][] out = new double[n][];
        double[][] starts = startStates(pieces, rng, logDensity != null);
        UniformRandomProvider[] probeSources = pieces.probeSources(divergence);
        runner.run(pieces, n, logDensity != null, (field, solver, k) -> field.samplePiece(x0, starts[k],
                pieces.from(k), solver, probeSources[k], probes, control, out, logDensity));
        return out;
    }

    /**
     * The starting states of {@code n} draws, one array per piece: θ₀ ~ N(0, I) drawn row by row in row order (so
     * they depend only on the generator and n), followed in each row by log N(θ₀; 0, I) when {@code withDensity}.
     *
     * @param pieces how the rows are cut
     * @param rng the noise
     * @param withDensity whether each row carries its log density (stride d + 1)
     * @return per piece, {@code rows × stride} values
     */
    private double[][] startStates(RowPieces pieces, UniformRandomProvider rng, boolean withDensity) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int stride = withDensity ? d + 1 : d;
        double[][] starts = new double[pieces.count()][];
        for (int k = 0; k < starts.length; k++) {
            int m = pieces.rows(k);
            double[] y = new double[m * stride];
            for (int r = 0; r < m; r++) {
                double ell = 0;
                for (int j = 0; j < d; j++) {
                    double z = gauss.sample();
                    y[r * stride + j] = z;
                    ell -= 0.5 * z * z + LOG_SQRT_2PI;
                }
                if (withDensity) {
                    y[r * stride + d] = ell;
                }
            }
            starts[k] = y;
        }
        return starts;
    }

    /**
     * Integrates one piece of draws from t = 0 to 1 and writes its rows (and log densities) at {@code from}.
     *
     * @param x0 the conditioning x
     * @param y the piece's starting states ({@link #startStates}), overwritten
     * @param from index of the piece's first row among all draws
     * @param solver the ODE solver (this thread's)
     * @param divergence the Hutchinson probes of this piece, {@code null} for the exact divergence
     * @param probes Hutchinson probes per evaluation
     * @param control replaces the velocity (no density then), or {@code null}
     * @param out receives the rows
     * @param logDensity receives the log densities, or {@code null} for none
     */
    private void samplePiece(double[] x0, double[] y, int from, OdeSolver solver, UniformRandomProvider divergence,
                     int probes, VelocityControl control, double[][] out, double[] logDensity) {
        boolean withDensity = logDensity != null;
        int stride = withDensity ? d + 1 : d;
        int m = y.length / stride;
        if (m == 0) {
            lastReport = OdeReport.NONE;
            return;
        }
        Standardizer ts = coordinates.theta();
        setObservation(x0, m);
        OdeFunction plain = withDensity ? augmented(divergence, probes) : ode.velocity();
        lastReport = solver.integrate(control == null ? plain : control.control(plain, from, m), 0.0, 1.0, y);
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < d; j++) {
                u[j] = ts.invert(j, y[r * stride + j]);
            }
            double[] row = new double[d];
            double ld = coordinates.bijection().toConstrained(u, row);
            out[from + r] = row;
            if (withDensity) {
                logDensity[from + r] = y[r * stride + d] + ts.logAbsDet() - ld;
            }
        }
    }

    private OdeFunction augmented(UniformRandomProvider divergence, int probes) {
        return divergence == null ? ode.augmented() : ode.augmentedHutchinson(probes, divergence);
    }

    /**
     * log q(θ_r | x₀) per row by the augmented ODE from t = 1 back to t = 0; {@code −∞} outside the bijection's
     * support.
     *
     * @param theta θ rows
     * @param x0 the conditioning x
     * @param solver the ODE solver (not shared with another thread)
     * @param divergence {@code null} for the exact divergence, else the Hutchinson probes' generator
     * @param probes Hutchinson probes per evaluation
     * @return log-densities
     */
    public double[] logDensity(double[][] theta, double[] x0, OdeSolver solver, UniformRandomProvider divergence,
                               int probes) {
        return logDensity(theta, x0, 1, divergence, probes, inOrder(solver));
    }

    /**
     * Log densities in {@link RowPieces} of {@code shards} over the rows inside the support: one probe generator
     * per piece, then the pieces' augmented solves as {@code runner} schedules them, each writing its own rows.
     *
     * @param theta θ rows
     * @param x0 the conditioning x
     * @param shards the shard count of the cut
     * @param divergence {@code null} for the exact divergence, else the source of each piece's Hutchinson probes
     * @param probes Hutchinson probes per evaluation
     * @param runner runs the pieces
     * @return log densities
     */
    double[] logDensity(double[][] theta, double[] x0, int shards, UniformRandomProvider divergence, int probes,
                        PieceRunner runner) {
        double[] out = new double[theta.length];
        int[] inside = insideRows(theta, out);
        RowPieces pieces = new RowPieces(inside.length, shards);
        UniformRandomProvider[] probeSources = pieces.probeSources(divergence);
        runner.run(pieces, inside.length, true, (field, solver, k) -> field.logDensityPiece(theta, x0, inside,
                pieces.from(k), pieces.rows(k), solver, probeSources[k], probes, out));
        return out;
    }

    /**
     * The rows inside the bijection's support, in order; {@code out} is set to −∞ at every other row.
     *
     * @param theta θ rows
     * @param out one value per row
     * @return indices of the rows inside
     */
    private int[] insideRows(double[][] theta, double[] out) {
        int[] inside = new int[theta.length];
        int count = 0;
        for (int r = 0; r < theta.length; r++) {
            if (coordinates.bijection().inSupport(theta[r])) {
                inside[count++] = r;
            } else {
                out[r] = Double.NEGATIVE_INFINITY;
            }
        }
        return Arrays.copyOf(inside, count);
    }

    /**
     * The log densities of rows {@code inside[from .. from + m)} by one augmented solve, written into {@code out}.
     *
     * @param theta θ rows
     * @param x0 the conditioning x
     * @param inside the rows inside the support ({@link #insideRows})
     * @param from first position in {@code inside}
     * @param m number of rows
     * @param solver the ODE solver (this thread's)
     * @param divergence the Hutchinson probes of this piece, {@code null} for the exact divergence
     * @param probes Hutchinson probes per evaluation
     * @param out receives one value per row
     */
    private void logDensityPiece(double[][] theta, double[] x0, int[] inside, int from, int m, OdeSolver solver,
                         UniformRandomProvider divergence, int probes, double[] out) {
        if (m == 0) {
            lastReport = OdeReport.NONE;
            return;
        }
        Standardizer ts = coordinates.theta();
        int stride = d + 1;
        double[] y = new double[m * stride];
        for (int i = 0; i < m; i++) {
            int r = inside[from + i];
            out[r] = coordinates.bijection().toUnconstrained(theta[r], u) + ts.logAbsDet();
            for (int j = 0; j < d; j++) {
                y[i * stride + j] = ts.apply(j, u[j]);
            }
        }
        setObservation(x0, m);
        lastReport = solver.integrate(augmented(divergence, probes), 1.0, 0.0, y);
        for (int i = 0; i < m; i++) {
            double base = 0;
            for (int j = 0; j < d; j++) {
                double z = y[i * stride + j];
                base -= 0.5 * z * z + LOG_SQRT_2PI;
            }
            double value = base - y[i * stride + d];
            int r = inside[from + i];
            out[r] = Double.isFinite(value) ? out[r] + value : Double.NEGATIVE_INFINITY;
        }
    }

    /** What the last ODE solve of {@link #sample} or {@link #logDensity} cost. */
    public OdeReport lastReport() {
        return lastReport;
    }

    /** The architecture (with the data's dimensions). */
    public VectorFieldSpec spec() {
        return spec.copy();
    }

    /** θ and x coordinates. */
    public ModelCoordinates coordinates() {
        return coordinates;
    }

    /** The θ bijection. */
    public ThetaBijection bijection() {
        return coordinates.bijection();
    }

    /** The parameters. */
    public ParameterSet parameters() {
        return params;
    }

    /** The network in model coordinates. */
    public VectorFieldNetwork network() {
        return net;
    }

    /** An independent copy with the same parameters (for another thread). */
    public ConditionalVectorField copy() {
        ConditionalVectorField c = new ConditionalVectorField(spec, coordinates, params.precision(),
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        c.params.importValues(params.exportDoubles());
        return c;
    }

    /**
     * Saves architecture, coordinates and parameters under {@code prefix}: property {@code prefix/spec}, the
     * {@link ModelCoordinates} entries, float32 array {@code prefix/parameters}.
     *
     * @param writer destination
     * @param prefix name prefix
     * @throws IOException when writing fails
     */
    public void write(ModelWriter writer, String prefix) throws IOException {
        writer.putProperty(prefix + "/spec", spec.encode());
        coordinates.write(writer, prefix);
        params.write(writer, prefix + "/parameters");
    }

    /**
     * Restores what {@link #write} saved.
     *
     * @param reader source
     * @param prefix name prefix used when writing
     * @param precision buffer precision of the restored field
     * @return the field
     * @throws IOException when an entry is missing or inconsistent
     */
    public static ConditionalVectorField read(ModelReader reader, String prefix, Precision precision)
            throws IOException {
        VectorFieldSpec spec;
        try {
            spec = VectorFieldSpec.decode(reader.property(prefix + "/spec")).validate();
        } catch (IllegalArgumentException e) {
            throw new IOException("bad vector field entry under " + prefix + ": " + e.getMessage(), e);
        }
        ModelCoordinates coordinates = ModelCoordinates.read(reader, prefix, spec.thetaDim, spec.contextDim);
        ConditionalVectorField field = new ConditionalVectorField(spec, coordinates, precision,
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        field.params.read(reader, prefix + "/parameters");
        return field;
    }
}
