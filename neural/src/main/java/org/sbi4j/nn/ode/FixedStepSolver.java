package org.sbi4j.nn.ode;

/**
 * A fixed-step explicit Runge–Kutta method: {@code steps} equal steps from {@code t0} to {@code t1}.
 * {@link Scheme#EULER} is first order (1 evaluation per step), {@link Scheme#MIDPOINT} second order (2),
 * {@link Scheme#RK4} the classical fourth-order method (4). Not thread-safe (workspaces).
 */
public final class FixedStepSolver implements OdeSolver {

    /** The method. */
    public enum Scheme {
        /** Forward Euler, order 1. */
        EULER(ButcherTableau.EULER),
        /** Explicit midpoint, order 2. */
        MIDPOINT(ButcherTableau.MIDPOINT),
        /** Classical Runge–Kutta, order 4. */
        RK4(ButcherTableau.RK4);

        private final ButcherTableau tableau;

        Scheme(ButcherTableau tableau) {
            this.tableau = tableau;
        }
    }

    private final Scheme scheme;
    private final int steps;
    private final StageWorkspace ws;

    /**
     * @param scheme the method
     * @param steps number of equal steps (at least 1)
     */
    public FixedStepSolver(Scheme scheme, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        this.scheme = scheme;
        this.steps = steps;
        this.ws = new StageWorkspace(scheme.tableau.stages());
    }

    /** The method. */
    public Scheme scheme() {
        return scheme;
    }

    /** Number of steps per integration. */
    public int steps() {
        return steps;
    }

    @Override
    public OdeReport integrate(OdeFunction f, double t0, double t1, double[] y) {
        if (t0 == t1) {
            return OdeReport.NONE;
        }
        ws.ensure(y.length);
        ButcherTableau tab = scheme.tableau;
        double h = (t1 - t0) / steps;
        double[] cur = y;
        double[] next = ws.next;
        for (int i = 0; i < steps; i++) {
            // t from the step index, not by accumulation, so the last step ends at t1 up to rounding
            double t = i == 0 ? t0 : t0 + i * h;
            f.derivative(t, cur, ws.k[0]);
            tab.step(f, t, h, cur, ws.k, ws.tmp, next);
            double[] swap = cur;
            cur = next;
            next = swap;
        }
        if (cur != y) {
            System.arraycopy(cur, 0, y, 0, y.length);
        }
        return new OdeReport(steps, 0, steps * tab.stages());
    }
}
