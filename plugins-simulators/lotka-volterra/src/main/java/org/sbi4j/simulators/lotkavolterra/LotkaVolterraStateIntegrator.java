package org.sbi4j.simulators.lotkavolterra;

import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A21;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A31;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A32;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A41;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A42;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A43;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A51;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A52;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A53;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A54;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A61;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A62;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A63;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A64;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.A65;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.B1;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.B3;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.B4;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.B5;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.B6;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.D1;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.D3;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.D4;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.D5;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.D6;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.D7;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.E1;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.E3;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.E4;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.E5;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.E6;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.E7;
import static org.sbi4j.simulators.lotkavolterra.DormandPrince54.UNIT_ROUNDOFF;

/**
 * The {@link DormandPrince54} method specialised to the two Lotka–Volterra states: the same tableau, error norm,
 * step-size controller, initial step and dense output, written on scalars (no arrays, no virtual calls), which
 * makes the plain simulation several times faster. {@link TestLotkaVolterraStateIntegrator} checks that both
 * produce the same numbers. Stateless apart from the step counter; one instance per thread.
 */
final class LotkaVolterraStateIntegrator {
    private final double rtol;
    private final double atol;
    private final int maxSteps;
    private int steps;

    LotkaVolterraStateIntegrator(double rtol, double atol, int maxSteps) {
        this.rtol = rtol;
        this.atol = atol;
        this.maxSteps = maxSteps;
    }

    /** Steps attempted by the last integration. */
    int steps() {
        return steps;
    }

    /**
     * Integrates dx/dt = x(α − βy), dy/dt = y(δx − γ) from t = 0.
     *
     * @param out receives x at {@code out[2k]} and y at {@code out[2k + 1]} for output time k
     * @return a {@link DormandPrince54} status code
     */
    int integrate(double alpha, double beta, double gamma, double delta, double x0, double y0, double tEnd,
            double[] times, double[] out) {
        steps = 0;
        final int nOut = times.length;
        int next = 0;
        while (next < nOut && times[next] <= 0) {
            out[2 * next] = x0;
            out[2 * next + 1] = y0;
            next++;
        }
        if (next == nOut) {
            return DormandPrince54.SUCCESS;
        }
        final double rtol = this.rtol;
        final double atol = this.atol;
        double x = x0;
        double y = y0;
        double k1x = x * (alpha - beta * y);
        double k1y = y * (delta * x - gamma);
        double t = 0;

        // initial step (same heuristic as DormandPrince54.initialStep)
        double h;
        {
            double sx = atol + rtol * Math.abs(x);
            double sy = atol + rtol * Math.abs(y);
            double d0 = Math.sqrt(((x / sx) * (x / sx) + (y / sy) * (y / sy)) / 2);
            double d1 = Math.sqrt(((k1x / sx) * (k1x / sx) + (k1y / sy) * (k1y / sy)) / 2);
            double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
            h0 = Math.min(h0, tEnd);
            double xe = x + h0 * k1x;
            double ye = y + h0 * k1y;
            double fx = xe * (alpha - beta * ye) - k1x;
            double fy = ye * (delta * xe - gamma) - k1y;
            double d2 = Math.sqrt(((fx / sx) * (fx / sx) + (fy / sy) * (fy / sy)) / 2) / h0;
            double m = Math.max(d1, d2);
            double h1 = m <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / m, 0.2);
            h = Math.min(Math.min(100 * h0, h1), tEnd);
            if (!(h > 0)) {
                h = Math.min(1e-6, tEnd);
            }
        }

        double log2ErrOld = StepSizeControl.LOG2_ERR_FLOOR;
        boolean lastRejected = false;
        while (true) {
            if (steps >= maxSteps) {
                return DormandPrince54.TOO_MANY_STEPS;
            }
            final boolean last = t + 1.01 * h >= tEnd;
            if (last) {
                h = tEnd - t;
            }
            if (!(h > 10 * UNIT_ROUNDOFF * Math.abs(t)) || !(h > 0)) {
                return DormandPrince54.STEP_TOO_SMALL;
            }
            steps++;
            double xs = x + h * A21 * k1x;
            double ys = y + h * A21 * k1y;
            final double k2x = xs * (alpha - beta * ys);
            final double k2y = ys * (delta * xs - gamma);
            xs = x + h * (A31 * k1x + A32 * k2x);
            ys = y + h * (A31 * k1y + A32 * k2y);
            final double k3x = xs * (alpha - beta * ys);
            final double k3y = ys * (delta * xs - gamma);
            xs = x + h * (A41 * k1x + A42 * k2x + A43 * k3x);
            ys = y + h * (A41 * k1y + A42 * k2y + A43 * k3y);
            final double k4x = xs * (alpha - beta * ys);
            final double k4y = ys * (delta * xs - gamma);
            xs = x + h * (A51 * k1x + A52 * k2x + A53 * k3x + A54 * k4x);
            ys = y + h * (A51 * k1y + A52 * k2y + A53 * k3y + A54 * k4y);
            final double k5x = xs * (alpha - beta * ys);
            final double k5y = ys * (delta * xs - gamma);
            xs = x + h * (A61 * k1x + A62 * k2x + A63 * k3x + A64 * k4x + A65 * k5x);
            ys = y + h * (A61 * k1y + A62 * k2y + A63 * k3y + A64 * k4y + A65 * k5y);
            final double k6x = xs * (alpha - beta * ys);
            final double k6y = ys * (delta * xs - gamma);
            final double x1 = x + h * (B1 * k1x + B3 * k3x + B4 * k4x + B5 * k5x + B6 * k6x);
            final double y1 = y + h * (B1 * k1y + B3 * k3y + B4 * k4y + B5 * k5y + B6 * k6y);
            final double k7x = x1 * (alpha - beta * y1);
            final double k7y = y1 * (delta * x1 - gamma);
            final double ex = h * (E1 * k1x + E3 * k3x + E4 * k4x + E5 * k5x + E6 * k6x + E7 * k7x)
                    / (atol + rtol * Math.max(Math.abs(x), Math.abs(x1)));
            final double ey = h * (E1 * k1y + E3 * k3y + E4 * k4y + E5 * k5y + E6 * k6y + E7 * k7y)
                    / (atol + rtol * Math.max(Math.abs(y), Math.abs(y1)));
            final double errSq = (ex * ex + ey * ey) / 2;
            if (errSq <= 1.0) {
                final double log2Err = StepSizeControl.log2Error(errSq);
                final double ratio = StepSizeControl.acceptedRatio(log2Err, log2ErrOld, lastRejected);
                log2ErrOld = Math.max(log2Err, StepSizeControl.LOG2_ERR_FLOOR);
                final double tNew = last ? tEnd : t + h;
                if (times[next] <= tNew) {
                    final double dx = x1 - x;
                    final double dy = y1 - y;
                    final double bx = h * k1x - dx;
                    final double by = h * k1y - dy;
                    final double cx = dx - h * k7x - bx;
                    final double cy = dy - h * k7y - by;
                    final double qx = h * (D1 * k1x + D3 * k3x + D4 * k4x + D5 * k5x + D6 * k6x + D7 * k7x);
                    final double qy = h * (D1 * k1y + D3 * k3y + D4 * k4y + D5 * k5y + D6 * k6y + D7 * k7y);
                    do {
                        final double s = (times[next] - t) / h;
                        final double s1 = 1 - s;
                        out[2 * next] = x + s * (dx + s1 * (bx + s * (cx + s1 * qx)));
                        out[2 * next + 1] = y + s * (dy + s1 * (by + s * (cy + s1 * qy)));
                        next++;
                    } while (next < nOut && times[next] <= tNew);
                    if (next == nOut) {
                        return DormandPrince54.SUCCESS;
                    }
                }
                if (tNew >= tEnd) {
                    return DormandPrince54.SUCCESS;
                }
                t = tNew;
                x = x1;
                y = y1;
                k1x = k7x;
                k1y = k7y;
                h *= ratio;
                lastRejected = false;
            } else {
                h *= StepSizeControl.rejectedRatio(errSq);
                lastRejected = true;
            }
        }
    }
}
