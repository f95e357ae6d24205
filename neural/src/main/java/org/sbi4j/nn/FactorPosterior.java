package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Observations;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.api.UnnormalizedPosterior;

/**
 * A posterior p(θ | x₀) ∝ p(θ) f(x₀ | θ) whose factor f a trained network gives — nre's ratio r̂, nle's likelihood
 * q — drawn by a sampler. This holds what they share: the support (the prior's, and the open support of the network's
 * θ bijection: −∞ and a zero gradient outside), the prior's term and gradient, the observation's check and data
 * transform, and the saved entries every such model has. A subclass gives log f and its gradient in θ for rows
 * inside the support ({@link #logFactor}); a NaN from the network counts as −∞.
 */
public abstract class FactorPosterior extends UnnormalizedPosterior {
    private final String estimator;
    private final List<String> dataNames;
    private final ThetaBijection bijection;
    private final DataTransform dataTransform;
    private final TrainingSummary summary;

    /**
     * @param estimator the estimator's name, for messages and the saved model
     * @param prior the prior
     * @param dataNames the simulator's data names (observation length, messages)
     * @param bijection the network's map of θ to unconstrained coordinates
     * @param dataTransform the log of data columns applied before the network
     * @param summary what the training did
     */
    protected FactorPosterior(String estimator, Prior prior, List<String> dataNames, ThetaBijection bijection,
                              DataTransform dataTransform, TrainingSummary summary) {
        super(prior);
        this.estimator = requireNonNull(estimator, "estimator is null");
        this.dataNames = List.copyOf(dataNames);
        this.bijection = requireNonNull(bijection, "bijection is null");
        this.dataTransform = requireNonNull(dataTransform, "dataTransform is null");
        this.summary = requireNonNull(summary, "summary is null");
        if (bijection.dimension() != prior.dimension()) {
            throw new IllegalArgumentException("the network's θ bijection has " + bijection.dimension()
                    + " coordinates but the prior has " + prior.dimension());
        }
    }

    /**
     * log f(x | θ_r) and, when {@code gradient} is not {@code null}, its gradient in θ, for rows inside the support.
     *
     * @param theta {@code n × d} parameters inside the support
     * @param x the observation after the data transform
     * @param out {@code n} values, WRITTEN
     * @param gradient {@code n × d}, WRITTEN, or {@code null}
     */
    protected abstract void logFactor(double[][] theta, double[] x, double[] out, double[][] gradient);

    @Override
    public double[] logDensity(double[][] theta, double[] observation) {
        return evaluate(theta, observation, null);
    }

    @Override
    public double[] logDensityGradient(double[][] theta, double[] observation, double[][] gradient) {
        if (!prior().hasGradient()) {
            throw new UnsupportedOperationException("the prior has no gradient");
        }
        return evaluate(theta, observation, gradient);
    }

    private double[] evaluate(double[][] theta, double[] observation, double[][] gradient) {
        double[] x = transformed(observation);
        requireNonNull(theta, "theta is null");
        Prior prior = prior();
        int d = prior.dimension();
        double[] out = new double[theta.length];
        int[] inside = new int[theta.length];
        int k = 0;
        for (int i = 0; i < theta.length; i++) {
            if (theta[i] == null || theta[i].length != d) {
                throw SbiException.userError("θ row " + i + " has " + (theta[i] == null ? "no" : theta[i].length)
                        + " values but the prior has " + d + " parameters (" + String.join(", ", parameterNames())
                        + ")");
            }
            boolean supported = prior.inSupport(theta[i]) && bijection.inSupport(theta[i]);
            out[i] = !supported ? Double.NEGATIVE_INFINITY
                    : gradient == null ? prior.logDensity(theta[i]) : prior.logDensityGradient(theta[i], gradient[i]);
            if (out[i] > Double.NEGATIVE_INFINITY) {
                inside[k++] = i;
            } else if (gradient != null) {
                Arrays.fill(gradient[i], 0.0);
            }
        }
        double[][] rows = new double[k][];
        for (int r = 0; r < k; r++) {
            rows[r] = theta[inside[r]];
        }
        double[] f = new double[k];
        double[][] g = gradient == null ? null : new double[k][d];
        logFactor(rows, x, f, g);
        for (int r = 0; r < k; r++) {
            int i = inside[r];
            out[i] += Double.isNaN(f[r]) ? Double.NEGATIVE_INFINITY : f[r];
            if (g != null) {
                for (int j = 0; j < d; j++) {
                    gradient[i][j] += g[r][j];
                }
            }
        }
        return out;
    }

    /**
     * Checks an observation (length, finite values) and applies the data transform.
     *
     * @param observation x₀
     * @return what the network conditions on
     */
    protected final double[] transformed(double[] observation) {
        Observations.check(observation, dataNames, "the " + estimator + " network conditions on the data and needs "
                + "every value finite");
        return dataTransform.apply(observation);
    }

    /** The simulator's data names. */
    protected final List<String> dataNames() {
        return dataNames;
    }

    /** The network's map of θ to unconstrained coordinates. */
    protected final ThetaBijection bijection() {
        return bijection;
    }

    @Override
    public TrainingSummary trainingSummary() {
        return summary;
    }

    /**
     * Writes the entries every such model has: {@code format}, {@code log-data-columns}, {@code parameter-names},
     * {@code data-length}; the training summary.
     *
     * @param out destination
     * @param format the model's format tag, e.g. {@code "nre/1"}
     * @throws IOException when writing fails
     */
    protected final void writeCommon(ModelWriter out, String format) throws IOException {
        out.putProperty("format", format);
        out.putProperty("log-data-columns", dataTransform.encode());
        out.putProperty("parameter-names", String.join(",", parameterNames()));
        out.putProperty("data-length", Integer.toString(dataNames.size()));
        SavedSummary.write(out, summary);
    }

    /**
     * Refuses a saved model of another format (as {@link TruncatedPosterior} does).
     *
     * @param reader the saved model
     * @param estimator the estimator's name
     * @param format the format this version reads
     * @throws IOException naming both formats
     */
    protected static void checkFormat(ModelReader reader, String estimator, String format) throws IOException {
        TruncatedPosterior.checkFormat(reader, estimator, format);
    }

    /**
     * The data transform a model saved with {@link #writeCommon} (as {@link TruncatedPosterior} reads it).
     *
     * @param reader the saved model
     * @param estimator the estimator's name
     * @param columns the data length
     * @return the transform
     * @throws IOException when the entry is missing or bad
     */
    protected static DataTransform readDataTransform(ModelReader reader, String estimator, int columns)
            throws IOException {
        return TruncatedPosterior.readDataTransform(reader, estimator, columns);
    }
}
