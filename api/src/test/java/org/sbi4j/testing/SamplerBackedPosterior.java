package org.sbi4j.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.LogDensity;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Proposal;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.TrainingSummary;

/**
 * A posterior that {@link Posterior#needsSampler() needs a sampler}, drawn the way the runtime draws it: the
 * sampler's target is the posterior's own log density (with its gradient), the prior is the proposal chains start
 * from, one thread. Densities, gradients and saving go to the wrapped posterior.
 */
public final class SamplerBackedPosterior implements Posterior {
    private final Posterior posterior;
    private final Prior prior;
    private final Sampler sampler;

    /**
     * @param posterior the posterior, known through its log density
     * @param prior its prior
     * @param sampler the sampler
     */
    public SamplerBackedPosterior(Posterior posterior, Prior prior, Sampler sampler) {
        this.posterior = requireNonNull(posterior, "posterior is null");
        this.prior = requireNonNull(prior, "prior is null");
        this.sampler = requireNonNull(sampler, "sampler is null");
    }

    /**
     * The posterior as a user samples it: wrapped with the sampler when it needs one, else itself.
     *
     * @param posterior a fitted posterior
     * @param prior its prior
     * @param sampler the sampler, or {@code null} when the estimator's posteriors draw directly
     * @return the posterior to draw from
     */
    public static Posterior of(Posterior posterior, Prior prior, Sampler sampler) {
        if (!posterior.needsSampler()) {
            return posterior;
        }
        if (sampler == null) {
            throw new IllegalStateException(posterior.getClass().getSimpleName() + " needs a sampler; override "
                    + "sampler() in the contract test, e.g. with the mcmc plugin's slice sampler");
        }
        return new SamplerBackedPosterior(posterior, prior, sampler);
    }

    @Override
    public List<String> parameterNames() {
        return posterior.parameterNames();
    }

    @Override
    public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
        if (n == 0) {
            return new double[0][prior.dimension()];
        }
        return sampler.sample(problem(posterior, prior, observation), n, rng).samples();
    }

    /**
     * What the runtime asks a sampler to draw for a posterior known through its density: the posterior's log
     * density (and gradient) at x₀ as the target, the prior as the proposal, one thread.
     *
     * @param posterior the posterior
     * @param prior its prior
     * @param observation x₀
     * @return the sampling problem
     */
    public static SamplingProblem problem(Posterior posterior, Prior prior, double[] observation) {
        LogDensity target = new LogDensity() {
            @Override
            public int dimension() {
                return prior.dimension();
            }

            @Override
            public double[] logDensity(double[][] theta) {
                return posterior.logDensity(theta, observation);
            }

            @Override
            public boolean hasGradient() {
                return posterior.hasLogDensityGradient();
            }

            @Override
            public double[] logDensityGradient(double[][] theta, double[][] gradient) {
                return posterior.logDensityGradient(theta, observation, gradient);
            }
        };
        return new SamplingProblem(target, prior, Proposal.of(prior), 1);
    }

    @Override
    public boolean hasLogDensity() {
        return posterior.hasLogDensity();
    }

    @Override
    public double[] logDensity(double[][] theta, double[] observation) {
        return posterior.logDensity(theta, observation);
    }

    @Override
    public boolean isLogDensityNormalized() {
        return posterior.isLogDensityNormalized();
    }

    @Override
    public boolean hasLogDensityGradient() {
        return posterior.hasLogDensityGradient();
    }

    @Override
    public double[] logDensityGradient(double[][] theta, double[] observation, double[][] gradient) {
        return posterior.logDensityGradient(theta, observation, gradient);
    }

    @Override
    public TrainingSummary trainingSummary() {
        return posterior.trainingSummary();
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        posterior.save(out);
    }
}
