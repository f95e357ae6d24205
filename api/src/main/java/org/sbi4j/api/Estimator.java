package org.sbi4j.api;

import java.util.Set;

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
}
