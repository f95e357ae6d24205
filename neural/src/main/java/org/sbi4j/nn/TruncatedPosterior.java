package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Observations;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.TrainingSummary;

/**
 * What the posteriors of npe and fmpe share: a trained q(θ | x) learned in the coordinates of a
 * {@link ThetaBijection} on x after a {@link DataTransform}, truncated to the prior's support by
 * {@link SupportTruncation} (draws outside rejected and redrawn, the density divided by the mass inside, so it is
 * normalised). A subclass supplies the untruncated draws ({@link #proposals}) and log density
 * ({@link #untruncatedLogDensity}) and writes its network.
 */
public abstract class TruncatedPosterior implements Posterior {
    private final String estimator;
    private final Prior prior;
    private final List<String> dataNames;
    private final DataTransform dataTransform;
    private final TrainingSummary summary;
    private final SupportTruncation truncation;

    /**
     * @param estimator the estimator's config name, for messages
     * @param prior the prior (names, support)
     * @param dataNames the simulator's data names (observation length, messages)
     * @param bijection the coordinates the network learned θ in
     * @param dataTransform the log of data columns applied before the network
     * @param minAcceptance the smallest acceptable share of draws inside the support
     * @param summary what the training did
     */
    protected TruncatedPosterior(String estimator, Prior prior, List<String> dataNames, ThetaBijection bijection,
                                 DataTransform dataTransform, double minAcceptance, TrainingSummary summary) {
        this.estimator = requireNonNull(estimator, "estimator is null");
        this.prior = requireNonNull(prior, "prior is null");
        this.dataNames = List.copyOf(dataNames);
        this.dataTransform = requireNonNull(dataTransform, "dataTransform is null");
        this.summary = requireNonNull(summary, "summary is null");
        this.truncation = new SupportTruncation(estimator, prior, bijection, minAcceptance);
    }

    /**
     * The untruncated posterior at one observation.
     *
     * @param context x₀ after the data transform
     * @param observation x₀ as given
     * @return its draws
     */
    protected abstract SupportTruncation.Proposals proposals(double[] context, double[] observation);

    /**
     * The untruncated log density ({@code −∞} outside the bijection's support).
     *
     * @param theta checked θ rows, at least one
     * @param context x₀ after the data transform
     * @param observation x₀ as given
     * @return one value per row
     */
    protected abstract double[] untruncatedLogDensity(double[][] theta, double[] context, double[] observation);

    @Override
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    @Override
    public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
        return sample(observation, n, rng, false).theta();
    }

    /**
     * Draws inside the support, with their truncated log densities when the subclass's proposals give them.
     *
     * @param observation x₀
     * @param n number of draws
     * @param rng the only source of randomness
     * @param withDensity whether to return the log densities
     * @return the draws
     */
    protected SupportTruncation.Draws sample(double[] observation, int n, UniformRandomProvider rng,
                                             boolean withDensity) {
        checkObservation(observation);
        return truncation.sample(observation, n, rng, proposals(dataTransform.apply(observation), observation),
                withDensity);
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

    /** Whether the network's coordinates cover the prior support exactly (then no draw is ever rejected). */
    public boolean transformsTheta() {
        return truncation.coversSupport();
    }

    /**
     * {@inheritDoc} True: the network's density is normalised, and {@link #logDensity} divides by the mass inside
     * the prior support (exactly 1 when every bounded parameter is transformed, a Monte Carlo estimate otherwise).
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
        double[] context = dataTransform.apply(observation);
        double[] out = untruncatedLogDensity(theta, context, observation);
        truncation.truncate(theta, out, observation, proposals(context, observation));
        return out;
    }

    /**
     * log Z(x₀), the log of the mass the untruncated density puts inside the prior support (0 when the
     * coordinates cover it), estimated by Monte Carlo with a generator seeded by x₀ and cached.
     *
     * @param observation x₀ (checked)
     * @return log Z(x₀)
     */
    public double logNormalizer(double[] observation) {
        return truncation.logNormalizer(observation, proposals(dataTransform.apply(observation), observation));
    }

    @Override
    public boolean hasLogDensity() {
        return true;
    }

    @Override
    public TrainingSummary trainingSummary() {
        return summary;
    }

    /** The prior. */
    protected Prior prior() {
        return prior;
    }

    /** The simulator's data names. */
    protected List<String> dataNames() {
        return dataNames;
    }

    /**
     * Writes the properties every such model has: {@code format}, {@code prior-bounds}, {@code log-data-columns},
     * {@code parameter-names}, {@code data-length}, and the training summary.
     *
     * @param out destination
     * @param format the format tag
     * @throws IOException when writing fails
     */
    protected void writeCommon(ModelWriter out, String format) throws IOException {
        out.putProperty("format", format);
        out.putProperty("prior-bounds", ThetaBijection.forPrior(prior).encode());
        out.putProperty("log-data-columns", dataTransform.encode());
        out.putProperty("parameter-names", String.join(",", parameterNames()));
        out.putProperty("data-length", Integer.toString(dataNames.size()));
        SavedSummary.write(out, summary);
    }

    /**
     * Checks the {@code format} tag of a saved model.
     *
     * @param reader the saved model
     * @param estimator the estimator's name
     * @param format the tag this version reads
     * @throws IOException when it differs
     */
    protected static void checkFormat(ModelReader reader, String estimator, String format) throws IOException {
        String saved = reader.property("format");
        if (!format.equals(saved)) {
            throw new IOException(estimator + " model has format '" + saved + "', this version reads " + format);
        }
    }

    /**
     * Reads the saved {@code log-data-columns}.
     *
     * @param reader the saved model
     * @param estimator the estimator's name
     * @param columns the simulator's data length
     * @return the transform
     * @throws IOException when it is malformed
     */
    protected static DataTransform readDataTransform(ModelReader reader, String estimator, int columns)
            throws IOException {
        try {
            return DataTransform.decode(reader.property("log-data-columns"), columns);
        } catch (IllegalArgumentException e) {
            throw new IOException(estimator + " model: " + e.getMessage(), e);
        }
    }

    private void checkObservation(double[] observation) {
        Observations.check(observation, dataNames, estimator.toUpperCase(Locale.ROOT)
                + " conditions on the data and needs every value finite");
    }
}
