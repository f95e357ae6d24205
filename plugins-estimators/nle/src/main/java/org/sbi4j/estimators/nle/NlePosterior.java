package org.sbi4j.estimators.nle;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Prior;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.FactorPosterior;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SavedSummary;
import org.sbi4j.nn.ThetaBijection;

/**
 * The posterior p(θ | x₀) ∝ p(θ) q(x₀ | θ) of a trained likelihood flow: its log density is log p(θ) + log q(x₀ | θ),
 * unnormalised, with the gradient in θ by back-propagating the flow through its context (evaluated in float64 from
 * the float32 weights). It cannot draw by itself ({@link #needsSampler()}): the runtime samples it with a sampler,
 * and answers an i.i.d. set x₁ … x_m ({@code iid: true}) with p(θ) Π_j q(x_j | θ), the log-likelihoods adding.
 * Thread-safe: each call borrows a private copy of the flow.
 */
public final class NlePosterior extends FactorPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "nle/1";

    private final CopyPool<ConditionalDensity> pool;

    NlePosterior(Prior prior, List<String> dataNames, ConditionalDensity likelihood, ThetaBijection bijection,
                 DataTransform dataTransform, TrainingSummary summary) {
        super(NleEstimatorFactory.NAME, prior, dataNames, bijection, dataTransform, summary);
        this.pool = new CopyPool<>(requireNonNull(likelihood, "likelihood is null"),
                flow -> flow.copy(Precision.FLOAT64));
        if (likelihood.spec().thetaDim != dataNames.size()) {
            throw new IllegalArgumentException("the flow models " + likelihood.spec().thetaDim + " data values but "
                    + "the simulator has " + dataNames.size());
        }
        if (likelihood.spec().contextDim != prior.dimension()) {
            throw new IllegalArgumentException("the flow is conditioned on " + likelihood.spec().contextDim
                    + " parameters but the prior has " + prior.dimension());
        }
    }

    /**
     * The learnt log-likelihood log q(x₀ | θ), as a density of the transformed data (the Jacobian of a logged column,
     * constant in θ, left out).
     *
     * @param theta {@code n × d} parameters inside the prior's support
     * @param observation x₀
     * @return {@code n} log-likelihoods
     */
    public double[] logLikelihood(double[][] theta, double[] observation) {
        double[] out = new double[theta.length];
        logFactor(theta, transformed(observation), out, null);
        return out;
    }

    /** log q(x | θ_r), the flow's context being θ in unconstrained coordinates, and its gradient in θ if asked. */
    @Override
    protected void logFactor(double[][] theta, double[] x, double[] out, double[][] gradient) {
        ThetaBijection bijection = bijection();
        int n = theta.length;
        int d = bijection.dimension();
        double[][] u = new double[n][d];
        double[][] xs = new double[n][];
        for (int i = 0; i < n; i++) {
            bijection.toUnconstrained(theta[i], u[i]);
            xs[i] = x;
        }
        double[][] gu = gradient == null ? null : new double[n][d];
        double[] logq = pool.apply(flow -> gradient == null ? flow.logDensity(xs, u)
                : flow.logDensityAndContextGradient(xs, u, gu));
        System.arraycopy(logq, 0, out, 0, n);
        if (gradient != null) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    // d/dθ = d/du · du/dθ, |du/dθ| = exp(log-det) (increasing maps)
                    gradient[i][j] = gu[i][j] * Math.exp(bijection.logDetToUnconstrained(j, theta[i][j]));
                }
            }
        }
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        writeCommon(out, FORMAT);
        out.putProperty("theta-bijection", bijection().encode());
        pool.prototype().write(out, "flow");
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
        String name = NleEstimatorFactory.NAME;
        checkFormat(reader, name, FORMAT);
        ConditionalDensity flow = ConditionalDensity.read(reader, "flow", Precision.FLOAT32);
        if (flow.spec().contextDim != prior.dimension()) {
            throw new IOException("nle model has " + flow.spec().contextDim + " parameters but the prior has "
                    + prior.dimension());
        }
        if (flow.spec().thetaDim != dataNames.size()) {
            throw new IOException("nle model was trained on data of length " + flow.spec().thetaDim
                    + " but the simulator produces " + dataNames.size());
        }
        ThetaBijection bijection;
        try {
            bijection = ThetaBijection.decode(reader.property("theta-bijection"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad nle model entry theta-bijection: " + e.getMessage(), e);
        }
        if (bijection.dimension() != prior.dimension()) {
            throw new IOException("nle model's θ bijection has " + bijection.dimension() + " coordinates but the "
                    + "prior has " + prior.dimension());
        }
        return new NlePosterior(prior, dataNames, flow, bijection, readDataTransform(reader, name, dataNames.size()),
                SavedSummary.read(reader, name));
    }
}
