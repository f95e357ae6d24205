package org.sbi4j.nn.ode;

/**
 * Integrates a batched {@link OdeFunction} from {@code t0} to {@code t1}, forward ({@code t1 > t0}) or
 * backward ({@code t1 < t0}), in place. Implementations keep workspaces sized to the last state length, so
 * repeated calls with one batch size allocate nothing; an instance is therefore not thread-safe (use one per
 * thread).
 */
public interface OdeSolver {

    /**
     * Replaces {@code y}, the state at {@code t0}, by the state at {@code t1}.
     *
     * @param f right-hand side
     * @param t0 start time
     * @param t1 end time (may be smaller than {@code t0}; equal means nothing to do)
     * @param y state, updated in place
     * @return steps and function evaluations used
     */
    OdeReport integrate(OdeFunction f, double t0, double t1, double[] y);
}
