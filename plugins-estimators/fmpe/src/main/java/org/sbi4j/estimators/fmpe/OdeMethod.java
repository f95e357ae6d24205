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

    /**
     * β of dopri5's PI step-size controller (Hairer's DOPRI5 value). On the fully trained two_moons 10⁴ field it cut
     * a 10,000-draw solve from 62 to 50–56 evaluations at 1e-4 (3 of 10 step attempts were rejected without it: the
     * error constant grows ≈27× between t = 0.07 and 0.37); docs/benchmarks.md, fifth session.
     */
    static final double PI_BETA = 0.04;

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
            case DOPRI5 -> new DormandPrince(rtol, atol).withMaxSteps(MAX_ADAPTIVE_STEPS).withBeta(PI_BETA);
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
