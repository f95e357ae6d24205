package org.sbi4j.estimators.likelihood;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Observations;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.UnnormalizedPosterior;

/**
 * p(θ | x₀) ∝ p(θ) p(x₀ | θ), known up to the evidence: its log density is the log prior plus the simulator's log
 * likelihood, with a gradient when both have one. It cannot draw by itself ({@link #needsSampler()}); the runtime
 * samples it with a sampler. Nothing is stored when saved but the format: loading rebuilds it from the problem.
 */
public final class LikelihoodPosterior extends UnnormalizedPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "likelihood/1";

    private final Likelihood likelihood;
    private final List<String> dataNames;

    private LikelihoodPosterior(Prior prior, Likelihood likelihood, List<String> dataNames) {
        super(prior);
        this.likelihood = requireNonNull(likelihood, "likelihood is null");
        this.dataNames = List.copyOf(dataNames);
    }

    /**
     * The posterior of a problem whose simulator has a likelihood.
     *
     * @param problem the prior and the simulator
     * @return the posterior
     * @throws SbiException when the simulator has no likelihood
     */
    static LikelihoodPosterior of(InferenceProblem problem) {
        if (!(problem.simulator() instanceof Likelihood likelihood)) {
            throw SbiException.userError("estimator 'likelihood' needs a simulator with a tractable likelihood, but "
                    + problem.simulator().getClass().getSimpleName() + " has none; use an estimator that learns from "
                    + "simulations (npe, nre)");
        }
        return new LikelihoodPosterior(problem.prior(), likelihood, problem.simulator().dataNames());
    }

    @Override
    public boolean hasLogDensityGradient() {
        return prior().hasGradient() && likelihood.hasGradient();
    }

    @Override
    public double[] logDensity(double[][] theta, double[] observation) {
        checkObservation(observation);
        Prior prior = prior();
        double[] out = new double[theta.length];
        int inside = 0;
        for (double[] row : theta) {
            inside += prior.inSupport(row) ? 1 : 0;
        }
        double[][] supported = new double[inside][];
        int k = 0;
        for (int i = 0; i < theta.length; i++) {
            out[i] = prior.inSupport(theta[i]) ? prior.logDensity(theta[i]) : Double.NEGATIVE_INFINITY;
            if (out[i] > Double.NEGATIVE_INFINITY) {
                supported[k++] = theta[i];
            }
        }
        double[] logLikelihoods = likelihood.logLikelihoods(java.util.Arrays.copyOf(supported, k), observation);
        k = 0;
        for (int i = 0; i < theta.length; i++) {
            if (out[i] > Double.NEGATIVE_INFINITY) {
                out[i] += logLikelihoods[k++];
            }
        }
        return out;
    }

    @Override
    public double[] logDensityGradient(double[][] theta, double[] observation, double[][] gradient) {
        checkObservation(observation);
        if (!hasLogDensityGradient()) {
            throw new UnsupportedOperationException("the prior or the simulator's likelihood has no gradient");
        }
        Prior prior = prior();
        double[] out = new double[theta.length];
        double[] likelihoodGradient = new double[prior.dimension()];
        for (int i = 0; i < theta.length; i++) {
            if (!prior.inSupport(theta[i])) {
                out[i] = Double.NEGATIVE_INFINITY;
                java.util.Arrays.fill(gradient[i], 0.0);
                continue;
            }
            out[i] = prior.logDensityGradient(theta[i], gradient[i]);
            if (out[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            out[i] += likelihood.logLikelihoodGradient(theta[i], observation, likelihoodGradient);
            for (int j = 0; j < likelihoodGradient.length; j++) {
                gradient[i][j] += likelihoodGradient[j];
            }
        }
        return out;
    }

    private void checkObservation(double[] observation) {
        Observations.check(observation, dataNames, "the likelihood is evaluated at the data and needs every value "
                + "finite");
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        out.putProperty("format", FORMAT);
    }
}
