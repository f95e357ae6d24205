package org.sbi4j.api;

import static java.util.Objects.requireNonNull;

import org.sbi4j.spi.Experimental;

/**
 * What a {@link Sampler} is asked to draw from: an unnormalised target log density over θ, the prior (its
 * support and bounds, for a transform to unconstrained space), and a proposal to weigh or to start chains from.
 *
 * @param target the unnormalised log density to sample, e.g. log p(θ) + log p(x₀ | θ)
 * @param prior the prior: the support of the target and its bounds
 * @param proposal a distribution to draw from directly
 * @param threads how many threads the sampler may use
 */
@Experimental(eta = "2027-06-30")
public record SamplingProblem(LogDensity target, Prior prior, Proposal proposal, int threads) {

    /** Checks the arguments. */
    public SamplingProblem {
        requireNonNull(target, "target is null");
        requireNonNull(prior, "prior is null");
        requireNonNull(proposal, "proposal is null");
        if (target.dimension() != prior.dimension()) {
            throw new IllegalArgumentException("the target has " + target.dimension() + " parameters but the prior "
                    + prior.dimension());
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
    }
}
