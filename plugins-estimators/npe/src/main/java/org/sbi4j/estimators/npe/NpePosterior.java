package org.sbi4j.estimators.npe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Observations;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.DensityPool;
import org.sbi4j.nn.ParameterRows;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.TrainingSummaries;

/**
 * The amortized NPE posterior q(θ | x): a trained conditional density, sampled and evaluated for any
 * observation x₀.
 *
 * <p><b>Support.</b> Draws outside the prior support are rejected and redrawn. With {@code transform-theta}
 * (the default) the density lives on the prior's box or half-line by construction and no draw is ever
 * rejected. Without it the flow can leak mass outside; the share of draws kept is tracked
 * ({@link #acceptanceRate()}, a one-time warning through {@link System.Logger} below 10%), and sampling fails
 * with an {@link SbiException} once at least {@value #VERDICT_DRAWS} draws have been made and fewer than
 * {@code min-acceptance} of them were inside.
 *
 * <p><b>Density.</b> {@link #logDensity} returns the density of the distribution {@link #sample} draws from:
 * {@code log q(θ | x₀) − log Z(x₀)} inside the prior support and {@code −∞} outside, where Z(x₀) is the mass
 * q puts inside the support. With {@code transform-theta} Z = 1 exactly and nothing is estimated. Without it Z
 * is estimated (as sbi does) from {@value #NORMALIZER_DRAWS} draws with a generator seeded by x₀, once per
 * observation and cached, so the answer is deterministic; its relative standard error is
 * √((1 − Z)/(Z·{@value #NORMALIZER_DRAWS})).
 *
 * <p>Thread-safe: concurrent calls each borrow their own copy of the network, and results depend only on the
 * arguments (and the generator's state).
 */
public final class NpePosterior implements Posterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "npe/1";
    /** Draws after which a low acceptance rate is an error. */
    public static final int VERDICT_DRAWS = 20_000;
    /** Draws used to estimate the mass inside the support, for {@link #logDensity} without the transform. */
    public static final int NORMALIZER_DRAWS = 10_000;
    /** Largest batch drawn in one round of rejection sampling. */
    private static final int MAX_ROUND = 1 << 16;
    /** Hard stop when not a single draw lands inside, whatever {@code min-acceptance} says. */
    private static final long GIVE_UP_DRAWS = 2_000_000;
    /** Acceptance below which a warning is logged once. */
    private static final double WARN_ACCEPTANCE = 0.1;
    private static final int MAX_CACHED_NORMALIZERS = 1024;
    private static final System.Logger LOG = System.getLogger(NpePosterior.class.getName());

    private final Prior prior;
    private final List<String> dataNames;
    private final DensityPool pool;
    private final ThetaBijection bijection;
    private final boolean transformTheta;
    private final DataTransform dataTransform;
    private final double minAcceptance;
    private final TrainingSummary summary;
    private final AtomicLong proposed = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Map<Observation, Double> logNormalizers = new ConcurrentHashMap<>();

    /**
     * @param prior the prior (names, support)
     * @param dataNames the simulator's data names (observation length, messages)
     * @param density the trained density
     * @param transformTheta whether the density's coordinates cover the prior support exactly (then no draw
     *     is ever rejected and the density needs no normalising constant)
     * @param dataTransform the log of data columns applied before the network
     * @param minAcceptance the smallest acceptable share of draws inside the support
     * @param summary what the training did
     */
    NpePosterior(Prior prior, List<String> dataNames, ConditionalDensity density, boolean transformTheta,
                 DataTransform dataTransform, double minAcceptance, TrainingSummary summary) {
        this.prior = requireNonNull(prior, "prior is null");
        this.dataNames = List.copyOf(dataNames);
        this.pool = new DensityPool(requireNonNull(density, "density is null"));
        this.bijection = density.bijection();
        this.transformTheta = transformTheta;
        this.dataTransform = requireNonNull(dataTransform, "dataTransform is null");
        this.minAcceptance = minAcceptance;
        this.summary = requireNonNull(summary, "summary is null");
        if (density.spec().thetaDim != prior.dimension()) {
            throw new IllegalArgumentException("the density models " + density.spec().thetaDim
                    + " parameters but the prior has " + prior.dimension());
        }
        if (density.spec().contextDim != dataNames.size()) {
            throw new IllegalArgumentException("the density is conditioned on " + density.spec().contextDim
                    + " data values but the simulator has " + dataNames.size());
        }
    }

    @Override
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    @Override
    public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
        checkObservation(observation);
        double[] context = dataTransform.apply(observation);
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be at least 0, got " + n);
        }
        requireNonNull(rng, "rng is null");
        int d = prior.dimension();
        if (n == 0) {
            return new double[0][d];
        }
        double[][] out = new double[n][];
        int filled = 0;
        long drawn = 0;
        long kept = 0;
        ConditionalDensity density = pool.borrow();
        try {
            while (filled < n) {
                int remaining = n - filled;
                int m;
                if (drawn == 0) {
                    m = remaining;
                } else {
                    double rate = (kept + 1.0) / (drawn + 1.0);
                    m = (int) Math.min(MAX_ROUND, Math.ceil(remaining / rate * 1.1) + 16);
                }
                double[][] draws = density.sample(context, m, rng, null);
                drawn += m;
                for (double[] theta : draws) {
                    if (inSupport(theta)) {
                        kept++;
                        if (filled < n) {
                            out[filled++] = theta;
                        }
                    }
                }
                if (filled < n && drawn >= VERDICT_DRAWS
                        && (kept < minAcceptance * drawn || (kept == 0 && drawn >= GIVE_UP_DRAWS))) {
                    record(drawn, kept);
                    throw massOutside(observation, kept, drawn);
                }
            }
        } finally {
            pool.release(density);
        }
        record(drawn, kept);
        return out;
    }

    private boolean inSupport(double[] theta) {
        // the bijection's support is open: a logit draw rounded onto a bound is rejected too, so that every
        // sample has a finite log density
        return bijection.inSupport(theta) && prior.inSupport(theta);
    }

    private void record(long drawn, long kept) {
        proposed.addAndGet(drawn);
        accepted.addAndGet(kept);
        if (kept < WARN_ACCEPTANCE * drawn && warned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "npe: only %.2f%% of the posterior "
                    + "draws fell inside the prior support and the rest were redrawn; train with "
                    + "transform-theta: true (and transform-intervals: true for a box prior) to avoid this", 100.0 * kept / drawn));
        }
    }

    private SbiException massOutside(double[] observation, long kept, long drawn) {
        return SbiException.userError(String.format(Locale.ROOT, "the NPE posterior for the observation %s puts "
                + "its mass outside the prior support: only %d of %d draws (%.4f%%, below min-acceptance %.4f%%) "
                + "fell inside. The observation may lie far from every simulation (check it against the simulated "
                + "data), or train with transform-theta: true (and transform-intervals: true for a box prior) so that all draws respect the prior's bounds",
                describe(observation), kept, drawn, 100.0 * kept / drawn, 100.0 * minAcceptance));
    }

    /**
     * Share of all draws made so far by {@link #sample} that fell inside the prior support (1 before any draw).
     *
     * @return the acceptance rate of the rejection step
     */
    public double acceptanceRate() {
        long p = proposed.get();
        return p == 0 ? 1.0 : (double) accepted.get() / p;
    }

    /** Number of draws {@link #sample} has made from the network so far, kept or rejected. */
    public long drawsProposed() {
        return proposed.get();
    }

    /** Whether the density's coordinates cover the prior support exactly (then no draw is ever rejected). */
    public boolean transformsTheta() {
        return transformTheta;
    }

    @Override
    public boolean hasLogDensity() {
        return true;
    }

    /**
     * {@inheritDoc} True: a flow is a normalised density, and {@link #logDensity} divides by the mass inside the
     * prior support (exactly 1 with {@code transform-theta}, a Monte Carlo estimate without it).
     */
    @Override
    public boolean isLogDensityNormalized() {
        return true;
    }

    @Override
    public double[] logDensity(double[][] theta, double[] observation) {
        checkObservation(observation);
        ParameterRows.check(theta, parameterNames());
        if (theta.length == 0) {
            return new double[0];
        }
        double[] out;
        ConditionalDensity density = pool.borrow();
        try {
            out = density.logDensity(theta, dataTransform.apply(observation));
        } finally {
            pool.release(density);
        }
        double logZ = transformTheta ? 0.0 : logNormalizer(observation);
        for (int r = 0; r < theta.length; r++) {
            out[r] = prior.inSupport(theta[r]) && out[r] > Double.NEGATIVE_INFINITY ? out[r] - logZ
                    : Double.NEGATIVE_INFINITY;
        }
        return out;
    }

    /**
     * log Z(x₀), the log of the mass the untruncated density puts inside the prior support (0 with the θ
     * transform), estimated by Monte Carlo with a generator seeded by x₀ and cached.
     *
     * @param observation x₀ (checked)
     * @return log Z(x₀)
     */
    double logNormalizer(double[] observation) {
        if (transformTheta) {
            return 0.0;
        }
        Observation key = new Observation(observation.clone());
        Double cached = logNormalizers.get(key);
        if (cached != null) {
            return cached;
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(Arrays.hashCode(observation) * 31L + 7);
        double[][] draws;
        ConditionalDensity density = pool.borrow();
        try {
            draws = density.sample(dataTransform.apply(observation), NORMALIZER_DRAWS, rng, null);
        } finally {
            pool.release(density);
        }
        int inside = 0;
        for (double[] row : draws) {
            if (inSupport(row)) {
                inside++;
            }
        }
        if (inside == 0 || inside < minAcceptance * NORMALIZER_DRAWS) {
            throw massOutside(observation, inside, NORMALIZER_DRAWS);
        }
        double logZ = Math.log((double) inside / NORMALIZER_DRAWS);
        if (logNormalizers.size() >= MAX_CACHED_NORMALIZERS) {
            logNormalizers.clear();
        }
        logNormalizers.put(key, logZ);
        return logZ;
    }

    @Override
    public TrainingSummary trainingSummary() {
        return summary;
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        out.putProperty("format", FORMAT);
        out.putProperty("transform-theta", Boolean.toString(transformTheta));
        out.putProperty("prior-bounds", ThetaBijection.forPrior(prior).encode());
        out.putProperty("log-data-columns", dataTransform.encode());
        out.putProperty("parameter-names", String.join(",", parameterNames()));
        out.putProperty("data-length", Integer.toString(dataNames.size()));
        pool.prototype().write(out, "flow");
        TrainingSummaries.write(out, "summary", summary);
    }

    /**
     * Restores a posterior written by {@link #save}.
     *
     * @param settings the settings it was trained with (only sampling-time ones are used)
     * @param reader the saved model
     * @param prior the prior, rebuilt from the saved configuration
     * @param dataNames the simulator's data names
     * @return an equivalent posterior: the same samples for the same generator
     * @throws IOException when an entry is missing or does not fit the problem
     */
    static NpePosterior load(NpeSettings settings, ModelReader reader, Prior prior, List<String> dataNames)
            throws IOException {
        String format = reader.property("format");
        if (!FORMAT.equals(format)) {
            throw new IOException("npe model has format '" + format + "', this version reads " + FORMAT);
        }
        ConditionalDensity density = ConditionalDensity.read(reader, "flow", Precision.FLOAT32);
        if (density.spec().thetaDim != prior.dimension()) {
            throw new IOException("npe model has " + density.spec().thetaDim + " parameters but the prior has "
                    + prior.dimension());
        }
        if (density.spec().contextDim != dataNames.size()) {
            throw new IOException("npe model was trained on data of length " + density.spec().contextDim
                    + " but the simulator produces " + dataNames.size() + " values");
        }
        String bounds = ThetaBijection.forPrior(prior).encode();
        if (!bounds.equals(reader.property("prior-bounds"))) {
            throw new IOException("npe model was trained with prior bounds " + reader.property("prior-bounds")
                    + " but the prior now has " + bounds);
        }
        ThetaBijection expectedBijection = NpeEstimator.bijectionFor(prior, settings);
        boolean transform = NpeEstimator.coversSupport(expectedBijection, prior);
        String expected = expectedBijection.encode();
        if (!expected.equals(density.bijection().encode())) {
            throw new IOException("npe model was trained with prior bounds " + density.bijection().encode()
                    + " but the prior now has " + ThetaBijection.forPrior(prior).encode());
        }
        TrainingSummary summary = TrainingSummaries.read(reader, "summary", "npe");
        DataTransform dataTransform;
        try {
            dataTransform = DataTransform.decode(reader.property("log-data-columns"), dataNames.size());
        } catch (IllegalArgumentException e) {
            throw new IOException("npe model: " + e.getMessage(), e);
        }
        return new NpePosterior(prior, dataNames, density, transform, dataTransform, settings.minAcceptance, summary);
    }

    private void checkObservation(double[] observation) {
        Observations.check(observation, dataNames, "NPE conditions on the data and needs every value finite");
    }

    private static String describe(double[] observation) {
        if (observation.length <= 6) {
            return Arrays.toString(observation);
        }
        return "[" + observation[0] + ", " + observation[1] + ", …] (" + observation.length + " values)";
    }

    /** An observation as a map key, compared by value. */
    private static final class Observation {
        private final double[] values;
        private final int hash;

        Observation(double[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Observation o && Arrays.equals(values, o.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
