package org.sbi4j.estimators.npe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SavedSummary;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.ThetaBijection;

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
    public static final int VERDICT_DRAWS = SupportTruncation.VERDICT_DRAWS;
    /** Draws used to estimate the mass inside the support, for {@link #logDensity} without the transform. */
    public static final int NORMALIZER_DRAWS = SupportTruncation.NORMALIZER_DRAWS;

    private final Prior prior;
    private final List<String> dataNames;
    private final CopyPool<ConditionalDensity> pool;
    private final boolean transformTheta;
    private final DataTransform dataTransform;
    private final TrainingSummary summary;
    private final SupportTruncation truncation;

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
        this.pool = new CopyPool<>(requireNonNull(density, "density is null"), ConditionalDensity::copy);
        this.transformTheta = transformTheta;
        this.dataTransform = requireNonNull(dataTransform, "dataTransform is null");
        this.summary = requireNonNull(summary, "summary is null");
        this.truncation = new SupportTruncation(NpeEstimatorFactory.NAME, prior, density.bijection(), minAcceptance);
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
        return truncation.sample(observation, n, rng, proposals(observation), false).theta();
    }

    /** The untruncated flow at x₀, each call on a borrowed copy. */
    private SupportTruncation.Proposals proposals(double[] observation) {
        double[] context = dataTransform.apply(observation);
        return (m, rng, logDensity) -> {
            ConditionalDensity density = pool.borrow();
            try {
                return density.sample(context, m, rng, logDensity);
            } finally {
                pool.release(density);
            }
        };
    }

    /**
     * Share of all draws made so far by {@link #sample} that fell inside the prior support (1 before any draw).
     *
     * @return the acceptance rate of the rejection step
     */
    public double acceptanceRate() {
        return truncation.acceptanceRate();
    }

    /** Number of draws {@link #sample} has made from the network so far, kept or rejected. */
    public long drawsProposed() {
        return truncation.drawsProposed();
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
        truncation.checkRows(theta);
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
        truncation.truncate(theta, out, observation, proposals(observation));
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
        return truncation.logNormalizer(observation, proposals(observation));
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
        SavedSummary.write(out, summary);
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
        ThetaBijection expectedBijection = NpeEstimator.bijectionFor(prior, settings);
        SupportTruncation.checkSavedBounds("npe", reader.property("prior-bounds"), density.bijection(),
                expectedBijection, prior);
        boolean transform = SupportTruncation.coversSupport(expectedBijection, prior);
        TrainingSummary summary = SavedSummary.read(reader, "npe");
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
}
