package org.sbi4j.nn.ode;

/**
 * What one integration cost.
 *
 * @param acceptedSteps steps taken
 * @param rejectedSteps steps tried and rejected by the error control (always 0 for fixed-step methods)
 * @param functionEvaluations calls of {@link OdeFunction#derivative}
 */
public record OdeReport(int acceptedSteps, int rejectedSteps, int functionEvaluations) {

    /** Nothing to integrate ({@code t0 == t1}). */
    public static final OdeReport NONE = new OdeReport(0, 0, 0);
}
