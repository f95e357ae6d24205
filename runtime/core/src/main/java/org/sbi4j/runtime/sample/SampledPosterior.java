package org.sbi4j.runtime.sample;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.LogDensity;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Proposal;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.runtime.parallel.WorkerPool;

/**
 * A trained posterior sampled through a {@link Sampler}. With a likelihood, the target is the exact posterior
 * π(θ) p(x₀ | θ) and the trained posterior is the proposal (refinement); without one, the target is the trained
 * posterior's own, possibly unnormalised, density and the prior is the proposal.
 *
 * <p>Saving saves the trained posterior: the sampler is part of the run config and is applied again on loading.
 */
public final class SampledPosterior implements Posterior {
    private final Posterior trained;
    private final String samplerName;
    private final Sampler sampler;
    private final Prior prior;
    private final Likelihood likelihood;
    private final WorkerPool pool;
    private final int threads;

    /**
     * @param trained the fitted posterior
     * @param samplerName the sampler's config name, for reports
     * @param sampler the sampler
     * @param prior the prior the model was trained with
     * @param likelihood the simulator's likelihood, or {@code null} to sample the trained posterior's density
     * @param pool where density evaluations run
     * @param threads the most parallel evaluations
     */
    public SampledPosterior(Posterior trained, String samplerName, Sampler sampler, Prior prior, Likelihood likelihood,
                            WorkerPool pool, int threads) {
        this.trained = requireNonNull(trained, "trained is null");
        this.samplerName = requireNonNull(samplerName, "samplerName is null");
        this.sampler = requireNonNull(sampler, "sampler is null");
        this.prior = requireNonNull(prior, "prior is null");
        this.likelihood = likelihood;
        this.pool = requireNonNull(pool, "pool is null");
        this.threads = Math.max(1, threads);
        if (likelihood != null && sampler.needsProposalDensity() && !trained.hasLogDensity()) {
            throw SbiException.userError("sampler '" + samplerName + "' needs a posterior that can evaluate its "
                    + "density, to weigh its draws, but " + trained.getClass().getSimpleName() + " cannot; use a "
                    + "density estimator such as npe, or another sampler");
        }
        boolean gradient = likelihood != null ? prior.hasGradient() && likelihood.hasGradient()
                : trained.hasLogDensityGradient();
        if (sampler.needsGradient() && !gradient) {
            throw SbiException.userError("sampler '" + samplerName + "' needs the gradient of the target density, "
                    + "but " + (likelihood != null ? "the prior or the simulator's likelihood has none"
                    : trained.getClass().getSimpleName() + " has none") + "; choose sampler metropolis-hastings or "
                    + "slice, which need only the density");
        }
        if (likelihood == null && !trained.hasLogDensity()) {
            throw SbiException.userError("sampler '" + samplerName + "' needs a density to sample: the simulator has "
                    + "no likelihood and " + trained.getClass().getSimpleName() + " no density");
        }
    }

    /** The fitted posterior behind the sampler. */
    public Posterior trained() {
        return trained;
    }

    /** The sampler's config name. */
    public String samplerName() {
        return samplerName;
    }

    /**
     * Samples with the sampler and keeps what it reports.
     *
     * @param observation x₀
     * @param n the number of samples
     * @param rng the only source of randomness
     * @return the samples and the sampler's statistics
     */
    public SamplerResult draw(double[] observation, int n, UniformRandomProvider rng) {
        return sampler.sample(problem(observation), n, rng);
    }

    @Override
    public List<String> parameterNames() {
        return trained.parameterNames();
    }

    @Override
    public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
        return draw(observation, n, rng).samples();
    }

    @Override
    public TrainingSummary trainingSummary() {
        return trained.trainingSummary();
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        trained.save(out);
    }

    private SamplingProblem problem(double[] observation) {
        LogDensity target;
        Proposal proposal;
        if (likelihood != null) {
            target = new PriorTimesLikelihood(prior, likelihood, observation, pool, threads);
            proposal = Proposal.of(trained, observation);
        } else {
            target = new PosteriorDensity(trained, observation);
            proposal = Proposal.of(prior);
        }
        return new SamplingProblem(target, prior, proposal, threads);
    }

    /** The trained posterior's own density at one observation. */
    private record PosteriorDensity(Posterior posterior, double[] observation) implements LogDensity {
        @Override
        public int dimension() {
            return posterior.parameterNames().size();
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
    }
}
