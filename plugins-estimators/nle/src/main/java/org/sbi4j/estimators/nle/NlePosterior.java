package org.sbi4j.estimators.nle;

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
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SavedSummary;
import org.sbi4j.nn.ThetaBijection;

/**
 * The posterior p(θ | x₀) ∝ p(θ) Π_k q(x₀⁽ᵏ⁾ | θ) of a trained likelihood flow: its log density is log p(θ) plus the
 * flow's log q of each observation row, unnormalised, with the gradient in θ by back-propagating the flow through
 * its context (evaluated in float64 from the float32 weights). An observation is one data row, or several i.i.d.
 * rows concatenated (its length a multiple of the data length), whose log-likelihoods add. It cannot draw by itself
 * ({@link #needsSampler()}): the runtime samples it with a sampler. Thread-safe: each call borrows a private copy of
 * the flow.
 */
public final class NlePosterior extends UnnormalizedPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "nle/1";

    private final List<String> dataNames;
    private final CopyPool<ConditionalDensity> pool;
    private final ThetaBijection bijection;
    private final DataTransform dataTransform;
    private final TrainingSummary summary;

    NlePosterior(Prior prior, List<String> dataNames, ConditionalDensity likelihood, ThetaBijection bijection,
                 DataTransform dataTransform, TrainingSummary summary) {
        super(prior);
        this.dataNames = List.copyOf(dataNames);
        this.pool = new CopyPool<>(requireNonNull(likelihood, "likelihood is null"),
                flow -> flow.copy(Precision.FLOAT64));
        this.bijection = requireNonNull(bijection, "bijection is null");
        this.dataTransform = requireNonNull(dataTransform, "dataTransform is null");
        this.summary = requireNonNull(summary, "summary is null");
        if (likelihood.spec().thetaDim != dataNames.size()) {
            throw new IllegalArgumentException("the flow models " + likelihood.spec().thetaDim + " data values but "
                    + "the simulator has " + dataNames.size());
        }
        if (likelihood.spec().contextDim != prior.dimension() || bijection.dimension() != prior.dimension()) {
            throw new IllegalArgumentException("the flow is conditioned on " + likelihood.spec().contextDim
                    + " parameters but the prior has " + prior.dimension());
        }
    }

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

    /**
     * The learnt log-likelihood Σ_k log q(x₀⁽ᵏ⁾ | θ) of one or several i.i.d. observation rows, as a density of
     * the transformed data (the Jacobian of a logged column, constant in θ, left out).
     *
     * @param theta {@code n × d} parameters inside the prior's support
     * @param observation one data row, or several concatenated
     * @return {@code n} log-likelihoods
     */
    public double[] logLikelihood(double[][] theta, double[] observation) {
        double[][] rows = rows(observation);
        double[] out = new double[theta.length];
        likelihood(theta, rows, out, null);
        return out;
    }

    private double[] evaluate(double[][] theta, double[] observation, double[][] gradient) {
        double[][] rows = rows(observation);
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
        double[][] kept = new double[k][];
        for (int r = 0; r < k; r++) {
            kept[r] = theta[inside[r]];
        }
        double[] logq = new double[k];
        double[][] g = gradient == null ? null : new double[k][d];
        likelihood(kept, rows, logq, g);
        for (int r = 0; r < k; r++) {
            int i = inside[r];
            out[i] += logq[r];
            if (g != null) {
                for (int j = 0; j < d; j++) {
                    gradient[i][j] += g[r][j];
                }
            }
        }
        return out;
    }

    /**
     * Σ_k log q(x⁽ᵏ⁾ | θ_r) of transformed rows for θ rows inside the support, and its gradient in θ when asked.
     */
    private void likelihood(double[][] theta, double[][] rows, double[] out, double[][] gradient) {
        int n = theta.length;
        int k = rows.length;
        int d = bijection.dimension();
        double[][] u = new double[n * k][];
        double[][] x = new double[n * k][];
        for (int i = 0; i < n; i++) {
            double[] ui = new double[d];
            bijection.toUnconstrained(theta[i], ui);
            for (int o = 0; o < k; o++) {
                u[i * k + o] = ui;
                x[i * k + o] = rows[o];
            }
        }
        double[][] gu = gradient == null ? null : new double[n * k][d];
        double[] logq = pool.apply(flow -> gradient == null ? flow.logDensity(x, u)
                : flow.logDensityAndContextGradient(x, u, gu));
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int o = 0; o < k; o++) {
                sum += logq[i * k + o];
            }
            out[i] = Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
            if (gradient != null) {
                for (int j = 0; j < d; j++) {
                    double g = 0;
                    for (int o = 0; o < k; o++) {
                        g += gu[i * k + o][j];
                    }
                    // d/dθ = d/du · du/dθ, |du/dθ| = exp(log-det) (increasing maps)
                    gradient[i][j] = g * Math.exp(bijection.logDetToUnconstrained(j, theta[i][j]));
                }
            }
        }
    }

    /** The observation's rows after the data transform, checked. */
    private double[][] rows(double[] observation) {
        requireNonNull(observation, "observation is null");
        int width = dataNames.size();
        if (observation.length == 0 || observation.length % width != 0) {
            throw SbiException.userError("observation has " + observation.length + " values but the simulator's "
                    + "data have " + width + " (" + Observations.abbreviate(dataNames) + "); nle takes one data row "
                    + "or several i.i.d. rows concatenated, a multiple of " + width + " values");
        }
        double[][] rows = new double[observation.length / width][];
        for (int o = 0; o < rows.length; o++) {
            double[] row = Arrays.copyOfRange(observation, o * width, (o + 1) * width);
            Observations.check(row, dataNames, "the likelihood flow models the data and needs every value finite"
                    + (rows.length > 1 ? " (observation row " + (o + 1) + ")" : ""));
            rows[o] = dataTransform.apply(row);
        }
        return rows;
    }

    @Override
    public TrainingSummary trainingSummary() {
        return summary;
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        out.putProperty("format", FORMAT);
        out.putProperty("log-data-columns", dataTransform.encode());
        out.putProperty("parameter-names", String.join(",", parameterNames()));
        out.putProperty("data-length", Integer.toString(dataNames.size()));
        out.putProperty("theta-bijection", bijection.encode());
        pool.prototype().write(out, "flow");
        SavedSummary.write(out, summary);
    }

    /**
     * Restores a posterior written by {@link #save}.
     *
     * @param reader the saved model
     * @param prior the prior, rebuilt from the saved configuration
     * @param dataNames the simulator's data names
     * @return an equivalent posterior: the same densities
     * @throws IOException when an entry is missing or does not fit the problem
     */
    static NlePosterior load(ModelReader reader, Prior prior, List<String> dataNames) throws IOException {
        String format = reader.property("format");
        if (!FORMAT.equals(format)) {
            throw new IOException("nle model has format '" + format + "', this version reads " + FORMAT);
        }
        ConditionalDensity flow = ConditionalDensity.read(reader, "flow", Precision.FLOAT32);
        if (flow.spec().contextDim != prior.dimension()) {
            throw new IOException("nle model has " + flow.spec().contextDim + " parameters but the prior has "
                    + prior.dimension());
        }
        if (flow.spec().thetaDim != dataNames.size()) {
            throw new IOException("nle model was trained on data of length " + flow.spec().thetaDim
                    + " but the simulator produces " + dataNames.size());
        }
        try {
            ThetaBijection bijection = ThetaBijection.decode(reader.property("theta-bijection"));
            if (bijection.dimension() != prior.dimension()) {
                throw new IOException("nle model's θ bijection has " + bijection.dimension() + " coordinates but the "
                        + "prior has " + prior.dimension());
            }
            DataTransform transform = DataTransform.decode(reader.property("log-data-columns"), dataNames.size());
            return new NlePosterior(prior, dataNames, flow, bijection, transform, SavedSummary.read(reader, "nle"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad nle model entry: " + e.getMessage(), e);
        }
    }
}
