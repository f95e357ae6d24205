package org.sbi4j.runtime.sample;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
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
            throw gradientRefused(samplerName, likelihood != null ? "the prior or the simulator's likelihood has none"
                    : trained.getClass().getSimpleName() + " has none");
        }
        if (likelihood == null && !trained.hasLogDensity()) {
            throw SbiException.userError("sampler '" + samplerName + "' needs a density to sample: the simulator has "
                    + "no likelihood and " + trained.getClass().getSimpleName() + " no density");
        }
    }

    /**
     * The refusal of a gradient-based sampler on a target without a gradient.
     *
     * @param samplerName the sampler's config name
     * @param missing what lacks the gradient, e.g. "the prior has none"
     * @return the exception
     */
    public static SbiException gradientRefused(String samplerName, String missing) {
        return SbiException.userError("sampler '" + samplerName + "' needs the gradient of the target density, but "
                + missing + "; choose sampler metropolis-hastings or slice, which need only the density");
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

    /**
     * Samples p(θ | x₁, …, x_m) for i.i.d. observations of one θ: the target is Σ_j log q(θ | x_j) − (m − 1) log p(θ),
     * i.e. log p(θ) + Σ_j log r(x_j | θ) for a posterior that {@link Posterior#needsSampler() is a ratio times the
     * prior}.
     *
     * @param observations the set, one row each
     * @param n the number of samples
     * @param rng the only source of randomness
     * @return the samples and the sampler's statistics
     * @throws SbiException when the trained posterior draws directly (its density is not prior × ratio)
     */
    public SamplerResult draw(double[][] observations, int n, UniformRandomProvider rng) {
        if (observations.length == 1) {
            return draw(observations[0], n, rng);
        }
        if (!trained.needsSampler()) {
            throw iidRefused(trained, observations.length);
        }
        LogDensity target = new PosteriorDensity(trained, prior, observations, pool, threads);
        return sampler.sample(new SamplingProblem(target, prior, Proposal.of(prior), threads), n, rng);
    }

    /**
     * The refusal of an i.i.d. set for a posterior that learned q(θ | x) of one observation.
     *
     * @param posterior the trained posterior
     * @param rows the size of the set
     * @return the exception
     */
    public static SbiException iidRefused(Posterior posterior, int rows) {
        return SbiException.userError("an i.i.d. set of " + rows + " observations of one θ cannot be answered by "
                + posterior.getClass().getSimpleName() + ", which learned q(θ | x) for a single observation (its "
                + "densities do not combine as p(θ) Π r(x_j | θ)); use an estimator whose posterior is drawn through "
                + "its density (nre, nle, or likelihood when the simulator has one), or answer each row as its own "
                + "observation (drop iid: true)");
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
            target = new PosteriorDensity(trained, prior, new double[][] {observation}, pool, threads);
            proposal = Proposal.of(prior);
        }
        return new SamplingProblem(target, prior, proposal, threads);
    }

    /**
     * The trained posterior's own density at a set of i.i.d. observations x₁ … x_m of one θ, evaluated in parallel
     * chunks of a fixed number of rows (so the result does not depend on the thread count): log q(θ | x₁) for one
     * observation, and Σ_j log q(θ | x_j) − (m − 1) log p(θ) for several, which is log p(θ) + Σ_j log r(x_j | θ)
     * for a posterior of the form p(θ) r(x | θ) (a ratio estimator, prior × likelihood).
     */
    static final class PosteriorDensity implements LogDensity {
        private static final int CHUNK = 32;
        private final Posterior posterior;
        private final Prior prior;
        private final double[][] observations;
        private final WorkerPool pool;
        private final int threads;

        PosteriorDensity(Posterior posterior, Prior prior, double[][] observations, WorkerPool pool, int threads) {
            this.posterior = posterior;
            this.prior = prior;
            this.observations = observations;
            this.pool = pool;
            this.threads = threads;
        }

        @Override
        public int dimension() {
            return posterior.parameterNames().size();
        }

        @Override
        public double[] logDensity(double[][] theta) {
            return evaluate(theta, null);
        }

        @Override
        public boolean hasGradient() {
            return posterior.hasLogDensityGradient() && (observations.length == 1 || prior.hasGradient());
        }

        @Override
        public double[] logDensityGradient(double[][] theta, double[][] gradient) {
            return evaluate(theta, gradient);
        }

        private double[] evaluate(double[][] theta, double[][] gradient) {
            int n = theta.length;
            double[] out = new double[n];
            pool.forEach((n + CHUNK - 1) / CHUNK, threads, c -> {
                int from = c * CHUNK;
                int to = Math.min(n, from + CHUNK);
                double[][] rows = Arrays.copyOfRange(theta, from, to);
                double[][] g = gradient == null ? null : new double[to - from][dimension()];
                double[][] sum = gradient == null ? null : new double[to - from][dimension()];
                double[] total = new double[to - from];
                for (double[] x : observations) {
                    double[] v = g == null ? posterior.logDensity(rows, x) : posterior.logDensityGradient(rows, x, g);
                    for (int i = 0; i < v.length; i++) {
                        total[i] += v[i];
                        if (sum != null) {
                            for (int j = 0; j < g[i].length; j++) {
                                sum[i][j] += g[i][j];
                            }
                        }
                    }
                }
                int extra = observations.length - 1;
                for (int i = 0; i < total.length; i++) {
                    if (extra > 0 && total[i] != Double.NEGATIVE_INFINITY) {
                        if (sum == null) {
                            total[i] -= extra * prior.logDensity(rows[i]);
                        } else {
                            double[] pg = new double[dimension()];
                            total[i] -= extra * prior.logDensityGradient(rows[i], pg);
                            for (int j = 0; j < pg.length; j++) {
                                sum[i][j] -= extra * pg[j];
                            }
                        }
                    }
                    out[from + i] = Double.isNaN(total[i]) ? Double.NEGATIVE_INFINITY : total[i];
                    if (sum != null) {
                        System.arraycopy(sum[i], 0, gradient[from + i], 0, sum[i].length);
                    }
                }
            });
            return out;
        }
    }
}
