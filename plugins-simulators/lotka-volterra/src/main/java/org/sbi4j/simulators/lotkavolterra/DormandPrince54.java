package org.sbi4j.simulators.lotkavolterra;

/**
 * The shared adaptive Dormand–Prince 5(4) Runge–Kutta integrator of the simulator plugins (used by the
 * Lotka–Volterra ODE and by the benchmarks' SIR task): first-same-as-last stages, a PI step-size controller
 * (Hairer's DOPRI5 defaults) and the method's fourth-order continuous extension (dense output).
 *
 * <p>Output: with {@link OutputMode#INTERPOLATE} steps run freely and the states at the output times come from
 * the dense output; with {@link OutputMode#STEP_TO_OUTPUT_TIMES} steps are shortened to end exactly on every
 * output time, whose state is then the step's own fifth-order result (no interpolation error).
 *
 * <p>Error control: the local error estimate is measured in the root-mean-square norm of
 * {@code err_i / (atol + rtol·max(|y_i(t)|, |y_i(t+h)|))} over the first {@code errorDimension} components (the
 * convention of Hairer–Nørsett–Wanner); a step is accepted when that norm is at most 1.
 *
 * <p>All work arrays are allocated in the constructor; {@link #integrate} allocates nothing. Instances are
 * thread-confined: use one per thread (or per batch call).
 */
public final class DormandPrince54 {

    /** The integration reached every output time. */
    public static final int SUCCESS = 0;
    /** The step budget ran out before the last output time. */
    public static final int TOO_MANY_STEPS = 1;
    /** The step size fell below the resolution of t (stiffness, blow-up or a non-finite state). */
    public static final int STEP_TOO_SMALL = 2;

    /** How the states at the output times are obtained. */
    public enum OutputMode {
        /** Steps run freely; output states are interpolated with the continuous extension (fewest steps). */
        INTERPOLATE,
        /** Steps are shortened to end on every output time; output states are the steps' own results. */
        STEP_TO_OUTPUT_TIMES
    }

    // Butcher tableau of Dormand & Prince (1980), RK5(4)7M.
    static final double C2 = 1.0 / 5;
    static final double C3 = 3.0 / 10;
    static final double C4 = 4.0 / 5;
    static final double C5 = 8.0 / 9;
    static final double A21 = 1.0 / 5;
    static final double A31 = 3.0 / 40;
    static final double A32 = 9.0 / 40;
    static final double A41 = 44.0 / 45;
    static final double A42 = -56.0 / 15;
    static final double A43 = 32.0 / 9;
    static final double A51 = 19372.0 / 6561;
    static final double A52 = -25360.0 / 2187;
    static final double A53 = 64448.0 / 6561;
    static final double A54 = -212.0 / 729;
    static final double A61 = 9017.0 / 3168;
    static final double A62 = -355.0 / 33;
    static final double A63 = 46732.0 / 5247;
    static final double A64 = 49.0 / 176;
    static final double A65 = -5103.0 / 18656;
    static final double B1 = 35.0 / 384;
    static final double B3 = 500.0 / 1113;
    static final double B4 = 125.0 / 192;
    static final double B5 = -2187.0 / 6784;
    static final double B6 = 11.0 / 84;
    // Difference between the 5th- and 4th-order weights.
    static final double E1 = 71.0 / 57600;
    static final double E3 = -71.0 / 16695;
    static final double E4 = 71.0 / 1920;
    static final double E5 = -17253.0 / 339200;
    static final double E6 = 22.0 / 525;
    static final double E7 = -1.0 / 40;
    // Continuous extension of order 4 (Hairer, Nørsett & Wanner, Solving ODEs I, §II.6).
    static final double D1 = -12715105075.0 / 11282082432.0;
    static final double D3 = 87487479700.0 / 32700410799.0;
    static final double D4 = -10690763975.0 / 1880347072.0;
    static final double D5 = 701980252875.0 / 199316789632.0;
    static final double D6 = -1453857185.0 / 822651844.0;
    static final double D7 = 69997945.0 / 29380423.0;

    static final double UNIT_ROUNDOFF = 2.3e-16;

    private final OdeSystem system;
    private final int n;
    private final int errorDimension;
    private final double rtol;
    private final double atol;
    private final int maxSteps;
    private final boolean stepToOutputTimes;

    private final double[] y;
    private final double[] y1;
    private final double[] ytmp;
    private double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] k5;
    private final double[] k6;
    private double[] k7;
    private final double[] r1;
    private final double[] r2;
    private final double[] r3;
    private final double[] r4;
    private final double[] r5;

    private int steps;
    private int rejected;

    /**
     * An integrator that interpolates the output states ({@link OutputMode#INTERPOLATE}).
     *
     * @param system the right-hand side
     * @param rtol relative tolerance, positive
     * @param atol absolute tolerance, positive
     * @param maxSteps budget of attempted steps per integration, positive
     * @param errorDimension how many leading components enter the error norm (1..dimension)
     */
    public DormandPrince54(OdeSystem system, double rtol, double atol, int maxSteps, int errorDimension) {
        this(system, rtol, atol, maxSteps, errorDimension, OutputMode.INTERPOLATE);
    }

    /**
     * @param system the right-hand side
     * @param rtol relative tolerance, positive
     * @param atol absolute tolerance, positive
     * @param maxSteps budget of attempted steps per integration, positive
     * @param errorDimension how many leading components enter the error norm (1..dimension)
     * @param outputMode how the states at the output times are obtained
     */
    public DormandPrince54(OdeSystem system, double rtol, double atol, int maxSteps, int errorDimension,
            OutputMode outputMode) {
        this.system = system;
        this.n = system.dimension();
        if (errorDimension < 1 || errorDimension > n) {
            throw new IllegalArgumentException("errorDimension " + errorDimension + " outside 1.." + n);
        }
        if (!(rtol > 0) || !(atol > 0) || maxSteps < 1) {
            throw new IllegalArgumentException("rtol " + rtol + " and atol " + atol + " must be positive, maxSteps "
                    + maxSteps + " at least 1");
        }
        this.stepToOutputTimes = outputMode == OutputMode.STEP_TO_OUTPUT_TIMES;
        this.errorDimension = errorDimension;
        this.rtol = rtol;
        this.atol = atol;
        this.maxSteps = maxSteps;
        y = new double[n];
        y1 = new double[n];
        ytmp = new double[n];
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        k5 = new double[n];
        k6 = new double[n];
        k7 = new double[n];
        r1 = new double[n];
        r2 = new double[n];
        r3 = new double[n];
        r4 = new double[n];
        r5 = new double[n];
    }

    /**
     * Integrates from (t0, y0) and writes the state at each output time.
     *
     * @param t0 initial time
     * @param y0 initial state (not modified)
     * @param tEnd the integration never steps beyond this time
     * @param outputTimes ascending times in [t0, tEnd]
     * @param out receives the state at {@code outputTimes[j]} in {@code out[j·n .. j·n + n)}
     * @return {@link #SUCCESS}, {@link #TOO_MANY_STEPS} or {@link #STEP_TOO_SMALL}
     */
    public int integrate(double t0, double[] y0, double tEnd, double[] outputTimes, double[] out) {
        steps = 0;
        rejected = 0;
        final int nOut = outputTimes.length;
        System.arraycopy(y0, 0, y, 0, n);
        int next = 0;
        while (next < nOut && outputTimes[next] <= t0) {
            System.arraycopy(y, 0, out, next * n, n);
            next++;
        }
        if (next == nOut) {
            return SUCCESS;
        }
        double t = t0;
        final double hMax = tEnd - t0;
        system.derivatives(t, y, k1);
        double h = initialStep(t, hMax);
        double log2ErrOld = StepSizeControl.LOG2_ERR_FLOOR;
        boolean lastRejected = false;
        // the time the current step may not pass: tEnd, or the next output time when steps land on them
        double tStop = stepToOutputTimes ? Math.min(outputTimes[next], tEnd) : tEnd;

        while (true) {
            if (steps >= maxSteps) {
                return TOO_MANY_STEPS;
            }
            final double hFree = h;
            final boolean last = t + 1.01 * h >= tStop;
            if (last) {
                h = tStop - t;
            }
            if (!(h > 10 * UNIT_ROUNDOFF * Math.abs(t)) || !(h > 0)) {
                return STEP_TOO_SMALL;
            }
            steps++;
            step(t, h);
            double errSq = errorNormSquared();
            if (errSq <= 1.0) {
                double log2Err = StepSizeControl.log2Error(errSq);
                double ratio = StepSizeControl.acceptedRatio(log2Err, log2ErrOld, lastRejected);
                log2ErrOld = Math.max(log2Err, StepSizeControl.LOG2_ERR_FLOOR);
                double tNew = last ? tStop : t + h;
                if (outputTimes[next] <= tNew) {
                    if (stepToOutputTimes) {
                        do {
                            System.arraycopy(y1, 0, out, next * n, n);
                            next++;
                        } while (next < nOut && outputTimes[next] <= tNew);
                    } else {
                        prepareDenseOutput(h);
                        do {
                            interpolate((outputTimes[next] - t) / h, out, next * n);
                            next++;
                        } while (next < nOut && outputTimes[next] <= tNew);
                    }
                    if (next == nOut) {
                        return SUCCESS;
                    }
                    if (stepToOutputTimes) {
                        tStop = Math.min(outputTimes[next], tEnd);
                    }
                }
                if (tNew >= tEnd) {
                    return SUCCESS; // output times beyond tEnd are rejected by callers
                }
                t = tNew;
                System.arraycopy(y1, 0, y, 0, n);
                double[] swap = k1;
                k1 = k7;
                k7 = swap;
                // a step shortened to land on an output time says little about the next step size (only reached
                // when stepping to output times: otherwise a last step ends the integration)
                h = last ? Math.max(hFree, h * ratio) : h * ratio;
                lastRejected = false;
            } else {
                rejected++;
                h *= StepSizeControl.rejectedRatio(errSq);
                lastRejected = true;
            }
        }
    }

    /** Steps attempted by the last integration. */
    public int steps() {
        return steps;
    }

    /** Steps rejected by the last integration. */
    public int rejectedSteps() {
        return rejected;
    }

    private void step(double t, double h) {
        final double[] y = this.y;
        final double[] yt = this.ytmp;
        final double[] k1 = this.k1;
        final int n = this.n;
        for (int i = 0; i < n; i++) {
            yt[i] = y[i] + h * A21 * k1[i];
        }
        system.derivatives(t + C2 * h, yt, k2);
        for (int i = 0; i < n; i++) {
            yt[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        }
        system.derivatives(t + C3 * h, yt, k3);
        for (int i = 0; i < n; i++) {
            yt[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        }
        system.derivatives(t + C4 * h, yt, k4);
        for (int i = 0; i < n; i++) {
            yt[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }
        system.derivatives(t + C5 * h, yt, k5);
        for (int i = 0; i < n; i++) {
            yt[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }
        system.derivatives(t + h, yt, k6);
        for (int i = 0; i < n; i++) {
            y1[i] = y[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
        }
        system.derivatives(t + h, y1, k7);
        // the local error estimate is kept in ytmp
        for (int i = 0; i < n; i++) {
            yt[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        }
    }

    /** The squared RMS error norm of the last step. */
    private double errorNormSquared() {
        double sum = 0;
        for (int i = 0; i < errorDimension; i++) {
            double scale = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(y1[i]));
            double e = ytmp[i] / scale;
            sum += e * e;
        }
        return sum / errorDimension;
    }

    private double initialStep(double t, double hMax) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < errorDimension; i++) {
            double scale = atol + rtol * Math.abs(y[i]);
            d0 += (y[i] / scale) * (y[i] / scale);
            d1 += (k1[i] / scale) * (k1[i] / scale);
        }
        d0 = Math.sqrt(d0 / errorDimension);
        d1 = Math.sqrt(d1 / errorDimension);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, hMax);
        for (int i = 0; i < n; i++) {
            ytmp[i] = y[i] + h0 * k1[i];
        }
        system.derivatives(t + h0, ytmp, k2);
        double d2 = 0;
        for (int i = 0; i < errorDimension; i++) {
            double scale = atol + rtol * Math.abs(y[i]);
            double d = (k2[i] - k1[i]) / scale;
            d2 += d * d;
        }
        d2 = Math.sqrt(d2 / errorDimension) / h0;
        double m = Math.max(d1, d2);
        double h1 = m <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / m, 0.2);
        double h = Math.min(Math.min(100 * h0, h1), hMax);
        return h > 0 ? h : Math.min(1e-6, hMax);
    }

    private void prepareDenseOutput(double h) {
        for (int i = 0; i < n; i++) {
            double dy = y1[i] - y[i];
            double b = h * k1[i] - dy;
            r1[i] = y[i];
            r2[i] = dy;
            r3[i] = b;
            r4[i] = dy - h * k7[i] - b;
            r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
        }
    }

    private void interpolate(double s, double[] out, int offset) {
        double s1 = 1 - s;
        for (int i = 0; i < n; i++) {
            out[offset + i] = r1[i] + s * (r2[i] + s1 * (r3[i] + s * (r4[i] + s1 * r5[i])));
        }
    }
}
