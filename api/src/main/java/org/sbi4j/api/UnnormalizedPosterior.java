package org.sbi4j.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Experimental;

/**
 * A posterior known only up to a constant, p(θ | x₀) ∝ p(θ) f(x₀ | θ) — a likelihood-to-evidence ratio or the
 * likelihood itself times the prior: it has an unnormalised {@link #logDensity} and cannot draw by itself, so the
 * runtime draws it with a {@link Sampler} ({@link #needsSampler()}). Subclasses give the log density (and the
 * gradient when they can) and saving; its estimator answers {@code true} to {@link Estimator#posteriorsNeedSampler()}.
 */
@Experimental(eta = "2027-06-30")
public abstract class UnnormalizedPosterior implements Posterior {
    private final Prior prior;

    /**
     * A posterior of this prior.
     *
     * @param prior the prior p(θ): the parameter names, and the factor of the density
     */
    protected UnnormalizedPosterior(Prior prior) {
        this.prior = requireNonNull(prior, "prior is null");
    }

    /** The prior p(θ). */
    protected final Prior prior() {
        return prior;
    }

    /** The prior's parameter names. */
    @Override
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    /**
     * Always throws: draw through a sampler ({@link #needsSampler()}).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public final double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is known only up to a constant; sample "
                + "it through a sampler (sampler: {type: nuts}, slice, hmc or metropolis-hastings)");
    }

    /** Always true. */
    @Override
    public final boolean needsSampler() {
        return true;
    }

    /** Always true. */
    @Override
    public final boolean hasLogDensity() {
        return true;
    }

    /** Always false: the density is known up to a constant. */
    @Override
    public final boolean isLogDensityNormalized() {
        return false;
    }

    /** Whether the prior has a gradient; override when the other factor may have none. */
    @Override
    public boolean hasLogDensityGradient() {
        return prior.hasGradient();
    }

    /**
     * The unnormalised log density log p(θ) + log f(x₀ | θ) of a batch; {@code Double.NEGATIVE_INFINITY} outside the
     * prior's support.
     *
     * @param theta {@code n × d} parameters
     * @param observation x₀
     * @return {@code n} log densities
     */
    @Override
    public abstract double[] logDensity(double[][] theta, double[] observation);
}
