package org.sbi4j.estimators.fmpe;

import java.util.Locale;
import org.sbi4j.nn.ode.DormandPrince;
import org.sbi4j.nn.ode.FixedStepSolver;
import org.sbi4j.nn.ode.OdeSolver;

/** The ODE solver of sampling and of the log density. */
public enum OdeMethod {
    /** Adaptive Dormand–Prince 5(4) with {@code rtol} / {@code atol} (DINGO's choice). */
    DOPRI5,
    /** Classical Runge–Kutta, {@code steps} equal steps (4 evaluations each). */
    RK4,
    /** Explicit midpoint, {@code steps} equal steps (2 evaluations each). */
    MIDPOINT,
    /** Forward Euler, {@code steps} equal steps. */
    EULER;

    /** Most step attempts of the adaptive solver before it gives up. */
    static final int MAX_ADAPTIVE_STEPS = 20_000;

    /**
     * A fresh solver (solvers hold workspaces: one per thread).
     *
     * @param rtol relative tolerance (dopri5)
     * @param atol absolute tolerance (dopri5)
     * @param steps number of steps (fixed-step methods)
     * @return the solver
     */
    OdeSolver solver(double rtol, double atol, int steps) {
        return switch (this) {
            case DOPRI5 -> new DormandPrince(rtol, atol).withMaxSteps(MAX_ADAPTIVE_STEPS);
            case RK4 -> new FixedStepSolver(FixedStepSolver.Scheme.RK4, steps);
            case MIDPOINT -> new FixedStepSolver(FixedStepSolver.Scheme.MIDPOINT, steps);
            case EULER -> new FixedStepSolver(FixedStepSolver.Scheme.EULER, steps);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
