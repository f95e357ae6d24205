package org.sbi4j.estimators.npe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Prior;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SavedSummary;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.TruncatedPosterior;

/**
 * The amortized NPE posterior q(θ | x): a trained conditional density, sampled and evaluated for any
 * observation x₀.
 *
 * <p><b>Support.</b> Draws outside the prior support are rejected and redrawn. With {@code transform-theta}
 * (the default) the density lives on the prior's box or half-line by construction and no draw is ever
 * rejected. Without it the flow can leak mass outside; the share of draws kept is tracked
 * ({@link #acceptanceRate()}, a one-time warning through {@link System.Logger} below 10%), and sampling fails
 * with an {@link org.sbi4j.api.SbiException} once at least {@value #VERDICT_DRAWS} draws have been made and fewer than
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
public final class NpePosterior extends TruncatedPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "npe/1";
    /** Draws after which a low acceptance rate is an error. */
    public static final int VERDICT_DRAWS = SupportTruncation.VERDICT_DRAWS;
    /** Draws used to estimate the mass inside the support, for {@link #logDensity} without the transform. */
    public static final int NORMALIZER_DRAWS = SupportTruncation.NORMALIZER_DRAWS;

    private final CopyPool<ConditionalDensity> pool;

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
        super(NpeEstimatorFactory.NAME, prior, dataNames, density.bijection(), dataTransform, minAcceptance, summary);
        this.pool = new CopyPool<>(requireNonNull(density, "density is null"), ConditionalDensity::copy);
        if (transformTheta != transformsTheta()) {
            throw new IllegalArgumentException("transformTheta " + transformTheta + " disagrees with the bijection "
                    + density.bijection());
        }
        if (density.spec().thetaDim != prior.dimension()) {
            throw new IllegalArgumentException("the density models " + density.spec().thetaDim
                    + " parameters but the prior has " + prior.dimension());
        }
        if (density.spec().contextDim != dataNames.size()) {
            throw new IllegalArgumentException("the density is conditioned on " + density.spec().contextDim
                    + " data values but the simulator has " + dataNames.size());
        }
    }

    /** The untruncated flow at x₀, each call on a borrowed copy. */
    @Override
    protected SupportTruncation.Proposals proposals(double[] context, double[] observation) {
        return (m, rng, logDensity) -> pool.apply(density -> density.sample(context, m, rng, logDensity));
    }

    @Override
    protected double[] untruncatedLogDensity(double[][] theta, double[] context, double[] observation) {
        return pool.apply(density -> density.logDensity(theta, context));
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        out.putProperty("transform-theta", Boolean.toString(transformsTheta()));
        pool.prototype().write(out, "flow");
        writeCommon(out, FORMAT);
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
        checkFormat(reader, "npe", FORMAT);
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
        return new NpePosterior(prior, dataNames, density, transform, readDataTransform(reader, "npe",
                dataNames.size()), settings.minAcceptance, SavedSummary.read(reader, "npe"));
    }
}
