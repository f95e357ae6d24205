package org.sbi4j.nn.ode;

/**
 * An explicit Runge–Kutta tableau and the one stage loop every method here shares. {@code a[i]} holds the
 * coefficients of stages {@code 0..i−1} for stage {@code i}; with {@code fsal} the last stage is evaluated at
 * the new state itself (its row of {@code a} equals {@code b}), which the caller reuses as the first stage
 * of the next step (Dormand–Prince).
 */
final class ButcherTableau {

    static final ButcherTableau EULER = new ButcherTableau(new double[] {0}, new double[][] {{}},
            new double[] {1}, false);
    static final ButcherTableau MIDPOINT = new ButcherTableau(new double[] {0, 0.5},
            new double[][] {{}, {0.5}}, new double[] {0, 1}, false);
    static final ButcherTableau RK4 = new ButcherTableau(new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            false);
    /** Dormand & Prince (1980), RK5(4)7M: the fifth-order weights propagate, as in dopri5 and torchdiffeq. */
    static final ButcherTableau DOPRI5 = new ButcherTableau(
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
            true);
    /** DOPRI5's fifth- minus fourth-order weights: {@code h·Σ e_j k_j} estimates the local error. */
    static final double[] DOPRI5_ERROR = {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200,
        22.0 / 525, -1.0 / 40};

    final double[] c;
    final double[][] a;
    final double[] b;
    final boolean fsal;

    private ButcherTableau(double[] c, double[][] a, double[] b, boolean fsal) {
        this.c = c;
        this.a = a;
        this.b = b;
        this.fsal = fsal;
    }

    int stages() {
        return c.length;
    }

    /**
     * One step: given {@code k[0] = f(t, y)}, evaluates stages {@code 1..s−1} into {@code k} and writes the new
     * state into {@code yNew}.
     *
     * @param f right-hand side
     * @param t time of {@code y}
     * @param h signed step
     * @param y state at t
     * @param k stage derivatives, {@code k[0]} filled by the caller
     * @param tmp scratch state
     * @param yNew state at {@code t + h}
     */
    void step(OdeFunction f, double t, double h, double[] y, double[][] k, double[] tmp, double[] yNew) {
        int s = stages();
        for (int i = 1; i < s; i++) {
            if (fsal && i == s - 1) {
                combine(y, h, b, k, yNew);
                f.derivative(t + h, yNew, k[i]);
                return;
            }
            combine(y, h, a[i], k, tmp);
            f.derivative(t + c[i] * h, tmp, k[i]);
        }
        combine(y, h, b, k, yNew);
    }

    /** {@code dst = y + h Σ_j w_j k_j} over the {@code w.length} first stages, skipping zero weights. */
    static void combine(double[] y, double h, double[] w, double[][] k, double[] dst) {
        System.arraycopy(y, 0, dst, 0, y.length);
        for (int j = 0; j < w.length; j++) {
            if (w[j] == 0.0) {
                continue;
            }
            double hw = h * w[j];
            double[] kj = k[j];
            for (int e = 0; e < dst.length; e++) {
                dst[e] += hw * kj[e];
            }
        }
    }
}
