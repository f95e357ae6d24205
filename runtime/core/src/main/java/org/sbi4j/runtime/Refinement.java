package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.sample.SampledPosterior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the configured sampler in front of a trained posterior, or leaves it as it is for {@code direct}. A
 * posterior that {@link Posterior#needsSampler() needs a sampler} always gets one: the configured sampler, or for
 * {@code direct} the {@link #defaultSampler default}; its target is the posterior's own density.
 */
public final class Refinement {
    /** Chains of the default sampler. */
    public static final int DEFAULT_CHAINS = 100;
    /** Warm-up iterations of the default sampler. */
    public static final int DEFAULT_WARM_UP = 300;
    private static final Logger LOG = LoggerFactory.getLogger(Refinement.class);
    private final ComponentResolver resolver;
    private final WorkerPool pool;
    private final RuntimeOptions options;

    /**
     * @param resolver builds samplers
     * @param pool where density evaluations run
     * @param options the thread count
     */
    @Inject
    public Refinement(ComponentResolver resolver, WorkerPool pool, RuntimeOptions options) {
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * Applies a sampler to a trained posterior.
     *
     * @param trained the fitted posterior
     * @param prior the prior it was trained with
     * @param simulator the simulator
     * @param sampler the sampler's spec; {@code direct} for none
     * @param simulatorName the simulator's name, for messages
     * @param configThreads the config's thread count (0 = all cores), overridden by the runtime's
     * @return the posterior to sample
     */
    public Posterior apply(Posterior trained, Prior prior, Simulator simulator, ComponentSpec sampler,
                           String simulatorName, int configThreads) {
        if (trained.needsSampler()) {
            Sampler chosen;
            String name;
            if (RunConfig.DIRECT.equals(sampler.type())) {
                ComponentSpec spec = defaultSampler(trained, prior, DEFAULT_CHAINS);
                LOG.info("the posterior is known only up to a constant; sampling it with the default sampler '{}' "
                        + "(ceil(n / 100) chains, 4 to {}, {} warm-up iterations; configure another with sampler: "
                        + "{type: ...})", spec.type(), DEFAULT_CHAINS, DEFAULT_WARM_UP);
                chosen = new DefaultSampler(trained, prior);
                name = spec.type();
            } else {
                chosen = resolver.sampler(sampler).product();
                name = sampler.type();
            }
            return new SampledPosterior(trained, name, chosen, prior, null, pool, options.threads(configThreads));
        }
        if (RunConfig.DIRECT.equals(sampler.type())) {
            return trained;
        }
        ComponentResolver.Built<Sampler> built = resolver.sampler(sampler);
        return new SampledPosterior(trained, sampler.type(), built.product(), prior,
                ComponentResolver.requireLikelihood(simulator, sampler.type(), simulatorName), pool,
                options.threads(configThreads));
    }

    /**
     * The sampler used when the config says {@code direct} but the posterior needs one: {@code nuts} when the
     * posterior and the prior have gradients, else {@code slice}, with a warm-up of {@value #DEFAULT_WARM_UP}
     * iterations.
     *
     * @param posterior a posterior that {@link Posterior#needsSampler() needs a sampler}
     * @param prior its prior
     * @param chains the number of chains
     * @return the sampler's spec
     */
    public static ComponentSpec defaultSampler(Posterior posterior, Prior prior, int chains) {
        String type = posterior.hasLogDensityGradient() && prior.hasGradient() ? "nuts" : "slice";
        return new ComponentSpec(type, Map.of("chains", chains, "warm-up", DEFAULT_WARM_UP));
    }

    /**
     * The default sampler, with ceil(n / 100) chains between 4 and {@value #DEFAULT_CHAINS} for n draws: 10,000 draws
     * come from 100 chains of 100 (many chains, started by importance resampling, spread over the modes of a
     * multimodal posterior), and a calibration draw of 199 from 4 chains, at a fraction of the cost.
     */
    private final class DefaultSampler implements Sampler {
        private final Posterior posterior;
        private final Prior prior;
        private final Map<Integer, Sampler> byChains = new ConcurrentHashMap<>();

        DefaultSampler(Posterior posterior, Prior prior) {
            this.posterior = posterior;
            this.prior = prior;
        }

        @Override
        public boolean needsGradient() {
            return forChains(4).needsGradient();
        }

        @Override
        public SamplerResult sample(SamplingProblem problem, int n, UniformRandomProvider rng) {
            int chains = Math.max(4, Math.min(DEFAULT_CHAINS, (n + 99) / 100));
            return forChains(chains).sample(problem, n, rng);
        }

        private Sampler forChains(int chains) {
            return byChains.computeIfAbsent(chains,
                    c -> resolver.sampler(defaultSampler(posterior, prior, c)).product());
        }
    }

    /**
     * Applies the sampler a resolved run configures.
     *
     * @param trained the fitted posterior
     * @param run the run it was fitted (or loaded) for
     * @return the posterior to sample
     */
    public Posterior apply(Posterior trained, ResolvedRun run) {
        RunConfig config = run.config();
        return apply(trained, run.prior(), run.simulator(), config.effectiveSampler(), config.simulator.type(),
                config.simulation.threads);
    }

    /**
     * The same model with another sampler in front of its trained posterior.
     *
     * @param model a trained or loaded model
     * @param sampler the sampler's spec; {@code direct} for none
     * @return the model; its saved form is unchanged
     */
    public TrainedModel apply(TrainedModel model, ComponentSpec sampler) {
        Posterior posterior = apply(model.trainedPosterior(), model.prior(), model.simulator(), sampler,
                model.manifest().simulator().name(), 0);
        return new TrainedModel(posterior, model.prior(), model.simulator(), model.manifest());
    }
}
