package org.sbi4j.estimators.fmpe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Prior;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalVectorField;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SavedSummary;
import org.sbi4j.nn.ShardedFlow;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.TruncatedPosterior;
import org.sbi4j.nn.ode.OdeReport;

/**
 * The amortized FMPE posterior q(θ | x): a trained vector field, sampled by integrating dθ/dt = v(t, θ, x₀) from
 * noise at t = 0 to t = 1 and evaluated by the augmented ODE, for any observation x₀.
 *
 * <p><b>Sampling.</b> The solver is {@code solver} (adaptive Dormand–Prince by default, tolerances
 * {@code sample-rtol}, {@code sample-atol} for draws alone, {@code rtol}, {@code atol} for draws with densities);
 * the x-embedding is computed once per observation and shared by every evaluation. Rows are integrated in pieces of
 * at most {@value ConditionalVectorField#CHUNK} sharing one adaptive step, so the draws depend only on the
 * generator, n and {@code sampling-shards}. {@link #sampleWithLogDensity} returns the draws with their log densities
 * from one pass of the augmented ODE.
 *
 * <p><b>Density.</b> {@link #logDensity} integrates [θ, ℓ] with dℓ/dt = −div v from t = 1 back to t = 0 (the
 * exact divergence by default): {@code log q(θ | x₀) = log N(θ(0); 0, I) − ℓ(0)} plus the Jacobians of the
 * standardisation and the θ bijection. Its accuracy is bounded by the solver's tolerances.
 *
 * <p><b>Support.</b> As npe ({@link TruncatedPosterior}): draws outside the prior support are rejected and
 * redrawn, with the rate tracked ({@link #acceptanceRate()}); the density is truncated to the support and divided
 * by the mass inside it (exactly 1 when every bounded parameter is transformed, else a Monte Carlo estimate seeded
 * by x₀), so it is normalised.
 *
 * <p><b>Threads.</b> One call's rows are cut into a multiple of {@code sampling-shards} solves ({@link ShardedFlow}),
 * run on up to the job's thread count ({@code FitContext.threads()} when fitted, the loading job's thread count
 * when loaded from a model file): the same generator gives the same draws and densities for any thread count.
 *
 * <p>Thread-safe: concurrent calls each borrow their own copies of the network and make their own solvers, and
 * results depend only on the arguments (and the generator's state).
 */
public final class FmpePosterior extends TruncatedPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "fmpe/1";

    private final CopyPool<ConditionalVectorField> pool;
    private final FmpeSettings settings;
    private final ShardedFlow flow;

    /**
     * @param prior the prior (names, support)
     * @param dataNames the simulator's data names (observation length, messages)
     * @param field the trained vector field
     * @param dataTransform the log of data columns applied before the network
     * @param settings sampling-time settings (solver, tolerances, divergence, min-acceptance)
     * @param summary what the training did
     * @param threads the most threads one call may use (the results do not depend on it)
     */
    FmpePosterior(Prior prior, List<String> dataNames, ConditionalVectorField field, DataTransform dataTransform,
                  FmpeSettings settings, TrainingSummary summary, int threads) {
        super(FmpeEstimatorFactory.NAME, prior, dataNames, field.bijection(), dataTransform, settings.minAcceptance,
                summary);
        this.pool = new CopyPool<>(field, ConditionalVectorField::copy);
        this.settings = requireNonNull(settings, "settings is null");
        this.flow = new ShardedFlow(pool, settings::sampleSolver, settings::odeSolver, settings.samplingShards,
                Math.max(1, threads));
        if (field.spec().thetaDim != prior.dimension() || field.spec().contextDim != dataNames.size()) {
            throw new IllegalArgumentException("the field models " + field.spec().thetaDim + " parameters given "
                    + field.spec().contextDim + " data values, but the prior has " + prior.dimension()
                    + " parameters and the simulator " + dataNames.size() + " data values");
        }
    }

    /**
     * Draws with their log densities from one pass of the augmented ODE (the density of the truncated
     * distribution {@link #sample} draws from, as {@link #logDensity} would give up to the solver's tolerance). The
     * same generator gives {@link #sample}'s draws up to the solver's tolerance: the log-density column takes part
     * in the adaptive step control.
     *
     * @param observation x₀
     * @param n number of draws
     * @param rng the only source of randomness
     * @return the draws and their log densities
     */
    public SupportTruncation.Draws sampleWithLogDensity(double[] observation, int n, UniformRandomProvider rng) {
        return sample(observation, n, rng, true);
    }

    /**
     * Draws for many observations: observation i draws from its own generator, seeded in order from {@code rng},
     * so each block depends only on the seed and its position.
     */
    @Override
    public double[][][] sample(double[][] observations, int n, UniformRandomProvider rng) {
        long[] seeds = new long[observations.length];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = rng.nextLong();
        }
        double[][][] out = new double[observations.length][][];
        for (int i = 0; i < observations.length; i++) {
            out[i] = sample(observations[i], n, RandomSource.XO_RO_SHI_RO_128_PP.create(seeds[i]));
        }
        return out;
    }

    /**
     * What each ODE solve of the last sampling or log-density call cost, in piece order (measurements and tests;
     * with concurrent calls, one of them).
     *
     * @return one report per solve
     */
    public List<OdeReport> lastOdeReports() {
        return flow.lastReports();
    }

    /** The untruncated flow at x₀, each call on a borrowed copy with a fresh solver. */
    @Override
    protected SupportTruncation.Proposals proposals(double[] context, double[] observation) {
        return (m, rng, logDensity) -> flow.sample(context, m, rng, logDensity, probeSource(observation),
                settings.hutchinsonProbes);
    }

    @Override
    protected double[] untruncatedLogDensity(double[][] theta, double[] context, double[] observation) {
        return flow.logDensity(theta, context, probeSource(observation), settings.hutchinsonProbes);
    }

    /** Hutchinson probes seeded by x₀ (deterministic densities), or {@code null} for the exact divergence. */
    private UniformRandomProvider probeSource(double[] observation) {
        return settings.divergence == DivergenceMethod.EXACT ? null
                : RandomSource.XO_RO_SHI_RO_128_PP.create(Arrays.hashCode(observation) * 31L + 11);
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        pool.prototype().write(out, "field");
        writeCommon(out, FORMAT);
    }

    /** The most threads one sampling or density call uses. */
    int samplingThreads() {
        return flow.threads();
    }

    /**
     * Restores a posterior written by {@link #save}.
     *
     * @param settings the settings it was trained with (the sampling-time ones apply)
     * @param reader the saved model
     * @param prior the prior, rebuilt from the saved configuration
     * @param dataNames the simulator's data names
     * @param threads the threads its solves may use (the job's count)
     * @return an equivalent posterior: the same samples for the same generator
     * @throws IOException when an entry is missing or does not fit the problem
     */
    static FmpePosterior load(FmpeSettings settings, ModelReader reader, Prior prior, List<String> dataNames,
                              int threads) throws IOException {
        checkFormat(reader, "fmpe", FORMAT);
        ConditionalVectorField field = ConditionalVectorField.read(reader, "field", Precision.FLOAT32);
        int d = field.spec().thetaDim;
        int dx = field.spec().contextDim;
        if (d != prior.dimension() || dx != dataNames.size()) {
            throw new IOException("fmpe model has " + d + " parameters and data of length " + dx + ", but the prior "
                    + "has " + prior.dimension() + " parameters and the simulator produces " + dataNames.size()
                    + " values");
        }
        SupportTruncation.checkSavedBounds("fmpe", reader.property("prior-bounds"), field.bijection(),
                SupportTruncation.bijectionFor(prior, settings.transformTheta, settings.transformIntervals), prior);
        return new FmpePosterior(prior, dataNames, field, readDataTransform(reader, "fmpe", dataNames.size()),
                settings, SavedSummary.read(reader, "fmpe"), threads);
    }
}
