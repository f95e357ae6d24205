package org.sbi4j.simulators.lensing;

/**
 * An elliptical Sérsic surface-brightness profile, I = I_e·exp(−b_n[(R/R_e)^{1/n} − 1]), with its reverse-mode
 * derivative in the position and in its seven parameters (log10 I_e, R_e, n, e1, e2, x_c, y_c).
 *
 * <p>R² = q x'² + y'²/q + ε² is the elliptical radius of {@link Ellipticity}, softened by ε =
 * {@value #SOFTENING} arcsec so that the cusp of n &gt; 1 profiles has a finite gradient. b_n is the
 * Ciotti–Bertin series 2n − 1/3 + 4/(405n) + 46/(25515n²) + 131/(1148175n³) (accurate for n ≳ 0.36).
 * Per point the profile costs one log and two exps: w = exp(ln R²/(2n) − ln R_e/n), I = exp(ln I_e + b_n − b_n w).
 *
 * <p>Mutable scratch: one instance per thread. {@link #set} fixes the parameters of one image.
 */
final class SersicProfile {
    /** Softening length ε of the elliptical radius, arcsec. */
    static final double SOFTENING = 1e-4;
    private static final double SOFTENING2 = SOFTENING * SOFTENING;
    private static final double LN10 = Math.log(10);

    private final double minAxisRatio;
    private final Ellipticity ellipticity = new Ellipticity();
    private double radius;
    private double index;
    private double bn;
    private double logPeak;
    private double inverse2n;
    private double radiusTerm;
    private double logRadius;
    private double centreX;
    private double centreY;

    private double sumS;
    private double sumSw;
    private double sumSwLog;
    private double sumA;
    private double sumB;
    private double sumC;
    private double sumX;
    private double sumY;

    private final double[] offsetX;
    private final double[] offsetY;
    private final double[] radius2;
    private final double[] logRadius2;
    private final double[] powers;
    private final double[] weighted;

    /**
     * @param minAxisRatio q_min of the ellipticity clipping
     * @param capacity the most points one call may pass
     */
    SersicProfile(double minAxisRatio, int capacity) {
        this.minAxisRatio = minAxisRatio;
        this.offsetX = new double[capacity];
        this.offsetY = new double[capacity];
        this.radius2 = new double[capacity];
        this.logRadius2 = new double[capacity];
        this.powers = new double[capacity];
        this.weighted = new double[capacity];
    }

    /**
     * b_n of the Ciotti–Bertin series.
     *
     * @param n Sérsic index, positive
     * @return b_n
     */
    static double bn(double n) {
        double inv = 1 / n;
        return 2 * n - 1.0 / 3 + inv * (4.0 / 405 + inv * (46.0 / 25515 + inv * (131.0 / 1148175)));
    }

    /**
     * db_n/dn.
     *
     * @param n Sérsic index, positive
     * @return the derivative
     */
    static double bnDerivative(double n) {
        double inv = 1 / n;
        return 2 - inv * inv * (4.0 / 405 + inv * (2 * 46.0 / 25515 + inv * (3 * 131.0 / 1148175)));
    }

    /**
     * Fixes the parameters of one image and clears the gradient accumulators.
     *
     * @param log10Amplitude log10 I_e
     * @param effectiveRadius R_e, positive
     * @param sersicIndex n, positive
     * @param e1 ellipticity e1
     * @param e2 ellipticity e2
     * @param x centre x
     * @param y centre y
     * @return this
     */
    SersicProfile set(double log10Amplitude, double effectiveRadius, double sersicIndex, double e1, double e2,
                      double x, double y) {
        this.radius = effectiveRadius;
        this.index = sersicIndex;
        this.bn = bn(sersicIndex);
        this.logPeak = log10Amplitude * LN10 + bn;
        this.inverse2n = 0.5 / sersicIndex;
        this.logRadius = Math.log(effectiveRadius);
        this.radiusTerm = logRadius / sersicIndex;
        this.centreX = x;
        this.centreY = y;
        ellipticity.set(e1, e2, minAxisRatio);
        sumS = 0;
        sumSw = 0;
        sumSwLog = 0;
        sumA = 0;
        sumB = 0;
        sumC = 0;
        sumX = 0;
        sumY = 0;
        return this;
    }

    /**
     * The surface brightness at one point.
     *
     * @param x x
     * @param y y
     * @return I(x, y)
     */
    double value(double x, double y) {
        double dx = x - centreX;
        double dy = y - centreY;
        double r2 = ellipticity.formA * dx * dx + 2 * ellipticity.formB * dx * dy + ellipticity.formC * dy * dy
                + SOFTENING2;
        double w = Elementary.exp(Elementary.log(r2) * inverse2n - radiusTerm);
        return Elementary.exp(logPeak - bn * w);
    }

    /**
     * out[i] (+)= I(px[i], py[i]).
     *
     * @param px x coordinates
     * @param py y coordinates
     * @param n number of points
     * @param out values
     * @param accumulate add to {@code out} instead of overwriting it
     */
    void evaluate(double[] px, double[] py, int n, double[] out, boolean accumulate) {
        // separate passes keep each loop short, so that the CPU overlaps many independent iterations
        double[] r2 = radius2;
        double[] w = powers;
        squaredRadii(px, py, n);
        for (int i = 0; i < n; i++) {
            w[i] = Elementary.log(r2[i]);
        }
        final double inv2n = inverse2n;
        final double rt = radiusTerm;
        for (int i = 0; i < n; i++) {
            w[i] = Elementary.exp(w[i] * inv2n - rt);
        }
        final double peak = logPeak;
        final double b = bn;
        if (accumulate) {
            for (int i = 0; i < n; i++) {
                out[i] += Elementary.exp(peak - b * w[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = Elementary.exp(peak - b * w[i]);
            }
        }
    }

    /** radius2[i] = R²(px[i], py[i]); offsetX/offsetY keep the offsets from the centre. */
    private void squaredRadii(double[] px, double[] py, int n) {
        final double a = ellipticity.formA;
        final double b2 = 2 * ellipticity.formB;
        final double c = ellipticity.formC;
        final double xc = centreX;
        final double yc = centreY;
        double[] r2 = radius2;
        double[] ox = offsetX;
        double[] oy = offsetY;
        for (int i = 0; i < n; i++) {
            double dx = px[i] - xc;
            double dy = py[i] - yc;
            ox[i] = dx;
            oy[i] = dy;
            r2[i] = dx * (a * dx + b2 * dy) + c * dy * dy + SOFTENING2;
        }
    }

    /**
     * Back-propagates cotangents g[i] of I(px[i], py[i]): accumulates the parameter gradient and writes
     * ∂L/∂px, ∂L/∂py per point.
     *
     * @param px x coordinates
     * @param py y coordinates
     * @param n number of points
     * @param g cotangents
     * @param gx ∂L/∂px out
     * @param gy ∂L/∂py out
     */
    void backward(double[] px, double[] py, int n, double[] g, double[] gx, double[] gy) {
        double[] r2 = radius2;
        double[] lr = logRadius2;
        double[] w = powers;
        double[] gs = weighted;
        double[] ox = offsetX;
        double[] oy = offsetY;
        squaredRadii(px, py, n);
        for (int i = 0; i < n; i++) {
            lr[i] = Elementary.log(r2[i]);
        }
        final double inv2n = inverse2n;
        final double rt = radiusTerm;
        for (int i = 0; i < n; i++) {
            w[i] = Elementary.exp(lr[i] * inv2n - rt);
        }
        final double peak = logPeak;
        final double b = bn;
        for (int i = 0; i < n; i++) {
            gs[i] = g[i] * Elementary.exp(peak - b * w[i]);
        }
        final double a = ellipticity.formA;
        final double bb = ellipticity.formB;
        final double c = ellipticity.formC;
        final double dScale = -b * inv2n;
        double s = 0;
        double sw = 0;
        double swl = 0;
        double sa = 0;
        double sb = 0;
        double sc = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            double dx = ox[i];
            double dy = oy[i];
            double gsi = gs[i];
            double gsw = gsi * w[i];
            s += gsi;
            sw += gsw;
            swl += gsw * lr[i];
            // d = g·∂I/∂R²
            double d = dScale * gsw / r2[i];
            sa += d * dx * dx;
            sb += d * dx * dy;
            sc += d * dy * dy;
            double gdx = 2 * d * (a * dx + bb * dy);
            double gdy = 2 * d * (bb * dx + c * dy);
            sx += gdx;
            sy += gdy;
            gx[i] = gdx;
            gy[i] = gdy;
        }
        sumS += s;
        sumSw += sw;
        sumSwLog += swl;
        sumA += sa;
        sumB += 2 * sb;
        sumC += sc;
        sumX += sx;
        sumY += sy;
    }

    /**
     * Adds the accumulated parameter gradient to seven consecutive slots (log10 I_e, R_e, n, e1, e2, x, y).
     *
     * @param grad the full gradient
     * @param offset index of the amplitude slot
     */
    void addGradient(double[] grad, int offset) {
        double n = index;
        grad[offset] += LN10 * sumS;
        grad[offset + 1] += bn / (n * radius) * sumSw;
        // ∂ ln I/∂n = b_n'(1 − w) + b_n·w·(ln R²/2 − ln R_e)/n²
        grad[offset + 2] += bnDerivative(n) * (sumS - sumSw) + bn / (n * n) * (0.5 * sumSwLog - logRadius * sumSw);
        ellipticity.addFormGradient(sumA, sumB, sumC, grad, offset + 3);
        grad[offset + 5] -= sumX;
        grad[offset + 6] -= sumY;
    }
}
