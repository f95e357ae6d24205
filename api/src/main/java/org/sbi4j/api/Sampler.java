package org.sbi4j.api;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Experimental;

/**
 * Draws samples from a density known up to a constant: Markov chain Monte Carlo, or importance sampling from a
 * proposal. A sampler is a component like a simulator or an estimator, built by a
 * {@link org.sbi4j.spi.SamplerFactory} and selected in a config with {@code sampler: {type: <name>, ...}}; the
 * runtime uses it to refine a posterior with the simulator's likelihood, or to sample a posterior whose own
 * density is unnormalised.
 *
 * <p>Implementations are thread-safe; all randomness comes from the {@code rng} argument, so the same seed gives
 * the same draws for any thread count.
 */
@Experimental(eta = "2027-06-30")
public interface Sampler {

    /** Whether the sampler needs the gradient of the target ({@link LogDensity#hasGradient()}), as HMC does. */
    default boolean needsGradient() {
        return false;
    }

    /** Whether the sampler weighs draws of the proposal, and so needs its log density. */
    default boolean needsProposalDensity() {
        return false;
    }

    /**
     * Draws samples.
     *
     * @param problem the target, the prior and a proposal
     * @param n the number of equally weighted samples wanted
     * @param rng the only source of randomness
     * @return {@code n} samples with the statistics of the run
     */
    SamplerResult sample(SamplingProblem problem, int n, UniformRandomProvider rng);
}
