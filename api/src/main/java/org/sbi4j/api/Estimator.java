package org.sbi4j.api;

import java.util.Set;
import org.sbi4j.spi.Experimental;

/**
 * An inference method: turns a problem into a {@link Posterior}.
 *
 * <p>An estimator is configured by its factory and then fitted once per problem. It declares what it needs;
 * the runtime checks the simulator against {@link #requirements()} before any simulation runs.
 */
public interface Estimator {

    /** What this estimator needs from the problem. */
    Set<Capability> requirements();

    /**
     * Fits the posterior.
     *
     * @param problem prior, simulator and (when requested) simulations
     * @param context seeds, thread budget and progress listener
     * @return the fitted posterior
     */
    Posterior fit(InferenceProblem problem, FitContext context);

    /**
     * The fewest valid simulations this estimator can train on meaningfully, with its current settings (e.g. a
     * neural estimator's batch and validation split, rejection ABC's number of kept simulations). The runtime
     * refuses a smaller simulation budget before simulating, and fewer valid simulations after. Only
     * consulted when {@link #requirements()} contains {@link Capability#SIMULATIONS}.
     *
     * @return at least 1; 1 unless the estimator states more
     */
    @Experimental(eta = "2027-06-30")
    default int minimumSimulations() {
        return 1;
    }

    /**
     * Whether every posterior this estimator fits {@link Posterior#needsSampler() needs a sampler}: it is known only
     * through an unnormalised log density (a likelihood-to-evidence ratio times the prior, prior × likelihood), so
     * the runtime draws it with a {@link Sampler}. Known before fitting, so that a run can be checked before any
     * simulation: a sampler configured in front of an estimator that answers {@code false} has to refine its
     * draws with the simulator's likelihood, and is refused at once when there is none. An estimator that answers
     * {@code true} must fit only posteriors whose {@link Posterior#needsSampler()} is true.
     *
     * @return {@code false} unless the estimator states otherwise
     */
    @Experimental(eta = "2027-06-30")
    default boolean posteriorsNeedSampler() {
        return false;
    }

    /**
     * Checks the simulator against what this estimator's settings need beyond {@link #requirements()} (e.g. a
     * setting that only works with a differentiable simulator), before any simulation runs. The runtime calls it
     * right after checking the requirements.
     *
     * @param simulator the problem's simulator
     * @throws SbiException a user error naming the problem and the setting that fixes it
     */
    @Experimental(eta = "2027-06-30")
    default void checkSimulator(Simulator simulator) {
    }
}
