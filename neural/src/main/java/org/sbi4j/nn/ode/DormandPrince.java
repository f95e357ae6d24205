package org.sbi4j.nn.ode;

/**
 * Adaptive Dormand–Prince 5(4) (dopri5; Dormand & Prince 1980, Hairer, Nørsett & Wanner, Solving ODEs I,
 * §II.4–5), the solver DINGO's FMPE uses through torchdiffeq.
 *
 * <ul>
 *   <li><b>Error control.</b> A step from {@code y} to {@code y'} is accepted when the RMS norm of
 *   {@code err_e / (atol + rtol·max(|y_e|, |y'_e|))} is at most 1, where {@code err} is the difference between
 *   the fifth- and the embedded fourth-order solution and the mean runs over <em>every element of the whole
 *   batch</em>: all rows share one step size, as in torchdiffeq for a batched state. One stiff or fast row
 *   therefore sets the step for all; integrate rows separately when they differ a lot.</li>
 *   <li><b>Step size.</b> {@code h ← h·clamp(safety·err^(−1/5), minFactor, maxFactor)}; after a rejection the
 *   next accepted step may not grow (Hairer). Defaults safety 0.9, minFactor 0.2, maxFactor 10 (torchdiffeq's
 *   values). {@link #withBeta} turns on Hairer's PI controller, {@code safety·err^(−(1/5 − 0.75β))·errPrev^β}
 *   after an accepted step, which damps the growth that follows a very easy step (fmpe uses β = 0.04). The local extrapolation propagates the fifth-order solution; the last stage is reused as the
 *   first of the next step (FSAL), so an accepted step costs 6 evaluations.</li>
 *   <li><b>First step.</b> Hairer's heuristic (Solving ODEs I, §II.4; also scipy and torchdiffeq), unless a
 *   fixed first step is given: {@code h0 = 0.01·‖y0‖/‖f0‖}, one Euler probe, then
 *   {@code h = min(100·h0, (0.01/max(‖f0‖, ‖f'‖))^(1/5))}, norms scaled as above; it costs one evaluation.</li>
 *   <li><b>Direction.</b> {@code t1 < t0} integrates backward with negative steps; the last step is shortened
 *   to end exactly at {@code t1}.</li>
 * </ul>
 * Immutable settings; the workspaces make an instance not thread-safe.
 */
public final class DormandPrince implements OdeSolver {

    private static final ButcherTableau TAB = ButcherTableau.DOPRI5;
    private static final double EXPONENT = -1.0 / 5.0;

    private final double rtol;
    private final double atol;
    private final double safety;
    private final double minFactor;
    private final double maxFactor;
    private final int maxSteps;
    private final double firstStep;
    private final double beta;
    private final StageWorkspace ws = new StageWorkspace(TAB.stages());

    /**
     * Default step control (safety 0.9, factors in [0.2, 10], at most 100,000 step attempts, heuristic first
     * step).
     *
     * @param rtol relative tolerance (≥ 0)
     * @param atol absolute tolerance (≥ 0, and not both 0)
     */
    public DormandPrince(double rtol, double atol) {
        this(rtol, atol, 0.9, 0.2, 10.0, 100_000, 0.0, 0.0);
    }

    /**
     * Full control.
     *
     * @param rtol relative tolerance (≥ 0)
     * @param atol absolute tolerance (≥ 0, and not both 0)
     * @param safety safety factor in (0, 1]
     * @param minFactor smallest step shrink factor, in (0, 1)
     * @param maxFactor largest step growth factor, &gt; 1
     * @param maxSteps most step attempts (accepted + rejected) before giving up
     * @param firstStep absolute size of the first step, or 0 for the heuristic
     */
    public DormandPrince(double rtol, double atol, double safety, double minFactor, double maxFactor, int maxSteps,
                         double firstStep) {
        this(rtol, atol, safety, minFactor, maxFactor, maxSteps, firstStep, 0.0);
    }

    /**
     * Full control with a PI step-size controller.
     *
     * @param rtol relative tolerance (≥ 0)
     * @param atol absolute tolerance (≥ 0, and not both 0)
     * @param safety safety factor in (0, 1]
     * @param minFactor smallest step shrink factor, in (0, 1)
     * @param maxFactor largest step growth factor, &gt; 1
     * @param maxSteps most step attempts (accepted + rejected) before giving up
     * @param firstStep absolute size of the first step, or 0 for the heuristic
     * @param beta the PI controller's β in [0, 0.2): after an accepted step the step grows by
     *     {@code safety·err^(−(1/5 − 0.75β))·errPrevious^β} (Hairer's DOPRI5 code; β = 0.04 there), 0 for the
     *     plain controller {@code safety·err^(−1/5)}
     */
    public DormandPrince(double rtol, double atol, double safety, double minFactor, double maxFactor, int maxSteps,
                         double firstStep, double beta) {
        if (!(rtol >= 0) || !(atol >= 0) || rtol + atol == 0) {
            throw new IllegalArgumentException("tolerances must be ≥ 0 and not both 0: rtol " + rtol + " atol " + atol);
        }
        if (!(safety > 0 && safety <= 1) || !(minFactor > 0 && minFactor < 1) || !(maxFactor > 1)) {
            throw new IllegalArgumentException("bad step control safety " + safety + " factors [" + minFactor + ", "
                    + maxFactor + "]");
        }
        if (maxSteps < 1 || !(firstStep >= 0) || Double.isInfinite(firstStep)) {
            throw new IllegalArgumentException("bad maxSteps " + maxSteps + " or firstStep " + firstStep);
        }
        if (!(beta >= 0 && beta < 0.2)) {
            throw new IllegalArgumentException("the PI controller's beta must be in [0, 0.2), got " + beta);
        }
        this.beta = beta;
        this.rtol = rtol;
        this.atol = atol;
        this.safety = safety;
        this.minFactor = minFactor;
        this.maxFactor = maxFactor;
        this.maxSteps = maxSteps;
        this.firstStep = firstStep;
    }

    /** A copy with a fixed first step (absolute value; 0 restores the heuristic). */
    public DormandPrince withFirstStep(double h) {
        return new DormandPrince(rtol, atol, safety, minFactor, maxFactor, maxSteps, h, beta);
    }

    /** A copy with another bound on the number of step attempts. */
    public DormandPrince withMaxSteps(int steps) {
        return new DormandPrince(rtol, atol, safety, minFactor, maxFactor, steps, firstStep, beta);
    }

    /** A copy with the PI controller's β (0 restores the plain controller). */
    public DormandPrince withBeta(double b) {
        return new DormandPrince(rtol, atol, safety, minFactor, maxFactor, maxSteps, firstStep, b);
    }

    /** A copy with other step-growth bounds and safety factor. */
    public DormandPrince withStepControl(double safetyFactor, double smallestFactor, double largestFactor) {
        return new DormandPrince(rtol, atol, safetyFactor, smallestFactor, largestFactor, maxSteps, firstStep, beta);
    }

    /** Relative tolerance. */
    public double rtol() {
        return rtol;
    }

    /** Absolute tolerance. */
    public double atol() {
        return atol;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when {@code maxSteps} attempts do not reach {@code t1}, or the step
     *         underflows (a singular or non-finite right-hand side)
     */
    @Override
    public OdeReport integrate(OdeFunction f, double t0, double t1, double[] y) {
        if (t0 == t1) {
            return OdeReport.NONE;
        }
        if (!Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("non-finite time span " + t0 + " → " + t1);
        }
        int n = y.length;
        ws.ensure(n);
        double[][] k = ws.k;
        double[] cur = ws.cur;
        double[] next = ws.next;
        System.arraycopy(y, 0, cur, 0, n);
        double dir = Math.signum(t1 - t0);
        double span = Math.abs(t1 - t0);
        f.derivative(t0, cur, k[0]);
        int evaluations = 1;
        double h;
        if (firstStep > 0) {
            h = Math.min(firstStep, span);
        } else {
            h = initialStep(f, t0, dir, span, cur, k[0], ws.tmp, k[1]);
            evaluations++;
        }
        int accepted = 0;
        int rejected = 0;
        boolean previousRejected = false;
        double previousError = 1e-4;
        double t = t0;
        while (true) {
            double remaining = Math.abs(t1 - t);
            if (remaining == 0.0) {
                break;
            }
            if (accepted + rejected >= maxSteps) {
                throw new IllegalStateException("dopri5: " + maxSteps + " step attempts did not reach t1 = " + t1
                        + " (at t = " + t + ", step " + h + ", " + accepted + " accepted)");
            }
            // the last step ends exactly at t1; a step within a hair of the rest takes the rest
            boolean last = h >= remaining * (1 - 1e-12);
            double hs = last ? remaining : h;
            double tNext = last ? t1 : t + dir * hs;
            if (!last && tNext == t) {
                throw new IllegalStateException("dopri5: step size underflow at t = " + t + " (h = " + hs + ")");
            }
            TAB.step(f, t, dir * hs, cur, k, ws.tmp, next);
            evaluations += TAB.stages() - 1;
            double err = errorNorm(cur, next, k, dir * hs);
            if (err <= 1.0) {
                accepted++;
                t = tNext;
                double[] swap = cur;
                cur = next;
                next = swap;
                // FSAL: the last stage is f(t + h, y'), the first stage of the next step
                double[] first = k[0];
                k[0] = k[TAB.stages() - 1];
                k[TAB.stages() - 1] = first;
                double factor = err == 0.0 ? maxFactor : Math.min(maxFactor, Math.max(minFactor,
                        safety * Math.pow(err, EXPONENT + 0.75 * beta) * Math.pow(previousError, beta)));
                previousError = Math.max(err, 1e-4);
                if (previousRejected) {
                    factor = Math.min(1.0, factor);
                }
                previousRejected = false;
                h = hs * factor;
            } else {
                rejected++;
                previousRejected = true;
                // NaN or ∞ error: shrink as much as allowed
                double factor = Double.isFinite(err)
                        ? Math.max(minFactor, safety * Math.pow(err, EXPONENT + 0.75 * beta))
                        : minFactor;
                h = hs * Math.min(factor, 1.0);
            }
        }
        ws.cur = cur;
        ws.next = next;
        System.arraycopy(cur, 0, y, 0, n);
        return new OdeReport(accepted, rejected, evaluations);
    }

    /** RMS over all elements of {@code h Σ e_j k_j / (atol + rtol·max(|y|, |y'|))}. */
    private double errorNorm(double[] y, double[] yNew, double[][] k, double h) {
        double[] e = ButcherTableau.DOPRI5_ERROR;
        double[] k0 = k[0];
        double[] k2 = k[2];
        double[] k3 = k[3];
        double[] k4 = k[4];
        double[] k5 = k[5];
        double[] k6 = k[6];
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            // e[1] = 0
            double err = h * (e[0] * k0[i] + e[2] * k2[i] + e[3] * k3[i] + e[4] * k4[i] + e[5] * k5[i]
                    + e[6] * k6[i]);
            double scale = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
            double r = err / scale;
            sum += r * r;
        }
        return Math.sqrt(sum / Math.max(1, y.length));
    }

    /** Hairer's starting step (absolute value), using one extra evaluation written into {@code f1}. */
    private double initialStep(OdeFunction f, double t0, double dir, double span, double[] y0, double[] f0,
                               double[] y1, double[] f1) {
        int n = y0.length;
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < n; i++) {
            double scale = atol + rtol * Math.abs(y0[i]);
            d0 += (y0[i] / scale) * (y0[i] / scale);
            d1 += (f0[i] / scale) * (f0[i] / scale);
        }
        d0 = Math.sqrt(d0 / Math.max(1, n));
        d1 = Math.sqrt(d1 / Math.max(1, n));
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, span);
        for (int i = 0; i < n; i++) {
            y1[i] = y0[i] + dir * h0 * f0[i];
        }
        f.derivative(t0 + dir * h0, y1, f1);
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            double scale = atol + rtol * Math.abs(y0[i]);
            double r = (f1[i] - f0[i]) / scale;
            d2 += r * r;
        }
        d2 = Math.sqrt(d2 / Math.max(1, n)) / h0;
        double dm = Math.max(d1, d2);
        double h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 1.0 / 5.0);
        return Math.min(Math.min(100 * h0, h1), span);
    }
}
