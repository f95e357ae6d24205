package org.sbi4j.nn;

/**
 * Monotone rational-quadratic spline (Durkan et al. 2019, "Neural Spline Flows") with {@code K} bins on
 * {@code [−B, B]} and linear (identity) tails outside. One element is transformed at a time from its
 * {@code 3K − 1} unconstrained parameters laid out as {@code [K widths | K heights | K − 1 interior
 * derivatives]}:
 * <ul>
 *   <li>widths and heights: {@code min + (1 − K·min)·softmax(raw)}, scaled to {@code 2B};</li>
 *   <li>interior derivatives: {@code minDerivative + softplus(raw + c)} with {@code c} chosen so that
 *   {@code raw = 0} gives derivative 1; the boundary derivatives are 1, matching the identity tails.</li>
 * </ul>
 * With all raw parameters 0 the spline is the identity. The backward pass is derived by hand (see the
 * comments); arithmetic is in double whatever the storage precision. A forward pass may keep each
 * element's bin probabilities in a numbered cache slot so that its backward pass needs no exponentials.
 * Only the two knot derivatives of the selected bin are evaluated. Instances hold scratch arrays and are not
 * thread-safe.
 */
public final class RationalQuadraticSpline implements ElementwiseBijection {

    /** Default minimal bin width and height (fraction of the interval) and minimal derivative. */
    public static final double DEFAULT_MIN = 1e-3;

    private final int bins;
    private final double bound;
    private final double minWidth;
    private final double minHeight;
    private final double minDerivative;
    private final double derivativeShift;

    private final double[] pw;
    private final double[] ph;
    private final double[] cumW;
    private final double[] cumH;
    private final double[] deriv;
    private final double[] gW;
    private final double[] gH;
    private double[] cache = new double[0];

    private double logDet;

    /**
     * A spline family.
     *
     * @param bins K, at least 1
     * @param bound B &gt; 0, the half-width of the spline interval
     */
    public RationalQuadraticSpline(int bins, double bound) {
        this(bins, bound, DEFAULT_MIN, DEFAULT_MIN, DEFAULT_MIN);
    }

    /**
     * A spline family with explicit minima.
     *
     * @param bins K
     * @param bound B
     * @param minWidth minimal bin width as a fraction of 2B; {@code K·minWidth < 1}
     * @param minHeight minimal bin height as a fraction of 2B; {@code K·minHeight < 1}
     * @param minDerivative minimal interior knot derivative, in (0, 1)
     */
    public RationalQuadraticSpline(int bins, double bound, double minWidth, double minHeight, double minDerivative) {
        if (bins < 1 || !(bound > 0) || bins * minWidth >= 1 || bins * minHeight >= 1
                || !(minDerivative > 0 && minDerivative < 1)) {
            throw new IllegalArgumentException("bad spline: bins " + bins + ", bound " + bound);
        }
        this.bins = bins;
        this.bound = bound;
        this.minWidth = minWidth;
        this.minHeight = minHeight;
        this.minDerivative = minDerivative;
        this.derivativeShift = Math.log(Math.expm1(1.0 - minDerivative));
        pw = new double[bins];
        ph = new double[bins];
        cumW = new double[bins + 1];
        cumH = new double[bins + 1];
        deriv = new double[bins + 1];
        gW = new double[bins];
        gH = new double[bins];
    }

    /** Number of raw parameters per element: {@code 3K − 1}. */
    public static int parameterCount(int bins) {
        return 3 * bins - 1;
    }

    /** Number of raw parameters per element of this family: {@code 3K − 1}. */
    @Override
    public int parameterCount() {
        return parameterCount(bins);
    }

    /** K. */
    public int bins() {
        return bins;
    }

    /** B. */
    public double bound() {
        return bound;
    }

    /** log dy/dx of the last {@link #forward} or {@link #inverse} call (at the corresponding x). */
    public double logDet() {
        return logDet;
    }

    /**
     * y = f(x).
     *
     * @param p raw parameters
     * @param po offset of this element's {@code 3K − 1} parameters
     * @param x input
     * @return y; {@link #logDet()} then holds log f'(x)
     */
    public double forward(Buffer p, int po, double x) {
        return forward(p, po, x, -1);
    }

    /**
     * Grows the cache to {@code slots} elements (see {@link #forward(Buffer, int, double, int)}).
     *
     * @param slots number of cache slots
     */
    public void ensureSlots(int slots) {
        if (cache.length < slots * 2 * bins) {
            cache = new double[slots * 2 * bins];
        }
    }

    /**
     * y = f(x), keeping the bin probabilities in cache slot {@code slot} for
     * {@link #backward(Buffer, int, double, double, double, Buffer, int, int)}.
     *
     * @param p raw parameters
     * @param po offset of this element's parameters
     * @param x input
     * @param slot cache slot (below {@link #ensureSlots}), or −1 for none
     * @return y; {@link #logDet()} then holds log f'(x)
     */
    public double forward(Buffer p, int po, double x, int slot) {
        if (!(x >= -bound && x <= bound)) {
            logDet = 0.0;
            return x;
        }
        knots(p, po);
        if (slot >= 0) {
            System.arraycopy(pw, 0, cache, slot * 2 * bins, bins);
            System.arraycopy(ph, 0, cache, slot * 2 * bins + bins, bins);
        }
        int k = bin(cumW, x);
        derivatives(p, po, k);
        double wk = cumW[k + 1] - cumW[k];
        double hk = cumH[k + 1] - cumH[k];
        double s = hk / wk;
        double xi = (x - cumW[k]) / wk;
        double t = xi * (1 - xi);
        double dk = deriv[k];
        double dk1 = deriv[k + 1];
        double den = s + (dk1 + dk - 2 * s) * t;
        double num = hk * (s * xi * xi + dk * t);
        double m = dk1 * xi * xi + 2 * s * t + dk * (1 - xi) * (1 - xi);
        logDet = 2 * Math.log(s) + Math.log(m) - 2 * Math.log(den);
        return cumH[k] + num / den;
    }

    /**
     * x = f⁻¹(y).
     *
     * @param p raw parameters
     * @param po offset of this element's parameters
     * @param y input
     * @return x; {@link #logDet()} then holds log f'(x) (the inverse has the negative)
     */
    public double inverse(Buffer p, int po, double y) {
        if (!(y >= -bound && y <= bound)) {
            logDet = 0.0;
            return y;
        }
        knots(p, po);
        int k = bin(cumH, y);
        derivatives(p, po, k);
        double wk = cumW[k + 1] - cumW[k];
        double hk = cumH[k + 1] - cumH[k];
        double s = hk / wk;
        double dk = deriv[k];
        double dk1 = deriv[k + 1];
        double dy = y - cumH[k];
        double delta = dk1 + dk - 2 * s;
        double a = hk * (s - dk) + dy * delta;
        double b = hk * dk - dy * delta;
        double c = -s * dy;
        double disc = Math.max(0.0, b * b - 4 * a * c);
        double xi = (2 * c) / (-b - Math.sqrt(disc));
        xi = Math.min(1.0, Math.max(0.0, xi));
        double t = xi * (1 - xi);
        double den = s + delta * t;
        double m = dk1 * xi * xi + 2 * s * t + dk * (1 - xi) * (1 - xi);
        logDet = 2 * Math.log(s) + Math.log(m) - 2 * Math.log(den);
        return cumW[k] + xi * wk;
    }

    /**
     * Backward pass of {@code (y, log f'(x)) = spline(x; raw)}.
     *
     * @param p raw parameters
     * @param po offset of this element's parameters
     * @param x the forward input
     * @param gy dL/dy
     * @param gl dL/d(log f'(x))
     * @param gp where dL/d(raw) is written (all {@code 3K − 1} entries)
     * @param gpo offset in {@code gp}
     * @return dL/dx
     */
    public double backward(Buffer p, int po, double x, double gy, double gl, Buffer gp, int gpo) {
        return backward(p, po, x, gy, gl, gp, gpo, -1);
    }

    /**
     * As {@link #backward(Buffer, int, double, double, double, Buffer, int)}, reusing the probabilities that
     * the forward pass stored in {@code slot} (−1 recomputes them).
     *
     * @param p raw parameters
     * @param po offset of this element's parameters
     * @param x the forward input
     * @param gy dL/dy
     * @param gl dL/d(log f'(x))
     * @param gp where dL/d(raw) is written
     * @param gpo offset in {@code gp}
     * @param slot cache slot filled by the forward pass of the same element, or −1
     * @return dL/dx
     */
    public double backward(Buffer p, int po, double x, double gy, double gl, Buffer gp, int gpo, int slot) {
        int count = 3 * bins - 1;
        if (!(x >= -bound && x <= bound)) {
            gp.fill(gpo, gpo + count, 0.0);
            return gy;
        }
        if (slot >= 0) {
            System.arraycopy(cache, slot * 2 * bins, pw, 0, bins);
            System.arraycopy(cache, slot * 2 * bins + bins, ph, 0, bins);
            cumulative(pw, minWidth, cumW);
            cumulative(ph, minHeight, cumH);
        } else {
            knots(p, po);
        }
        int k = bin(cumW, x);
        derivatives(p, po, k);
        double wk = cumW[k + 1] - cumW[k];
        double hk = cumH[k + 1] - cumH[k];
        double s = hk / wk;
        double xi = (x - cumW[k]) / wk;
        double t = xi * (1 - xi);
        double dk = deriv[k];
        double dk1 = deriv[k + 1];
        double delta = dk1 + dk - 2 * s;
        double den = s + delta * t;
        double num = hk * (s * xi * xi + dk * t);
        double m = dk1 * xi * xi + 2 * s * t + dk * (1 - xi) * (1 - xi);
        double ratio = num / den;

        // partial derivatives of den D, numerator N and M with respect to s, xi, dk, dk1 (and hk for N)
        double dDs = 1 - 2 * t;
        double dDxi = delta * (1 - 2 * xi);
        double dNs = hk * xi * xi;
        double dNxi = hk * (2 * s * xi + dk * (1 - 2 * xi));
        double dNdk = hk * t;
        double dNhk = s * xi * xi + dk * t;
        double dMs = 2 * t;
        double dMxi = 2 * dk1 * xi + 2 * s * (1 - 2 * xi) - 2 * dk * (1 - xi);
        double dMdk = (1 - xi) * (1 - xi);
        double dMdk1 = xi * xi;

        // y = yk + N/D, l = 2 log s + log M − 2 log D
        double gs = gy * (dNs / den - ratio / den * dDs) + gl * (2 / s + dMs / m - 2 * dDs / den);
        double gxi = gy * (dNxi / den - ratio / den * dDxi) + gl * (dMxi / m - 2 * dDxi / den);
        double gdk = gy * (dNdk / den - ratio / den * t) + gl * (dMdk / m - 2 * t / den);
        double gdk1 = gy * (-ratio / den * t) + gl * (dMdk1 / m - 2 * t / den);
        double ghk = gy * dNhk / den;
        double gyk = gy;

        // s = hk/wk and xi = (x − xk)/wk
        ghk += gs / wk;
        double gwk = -gs * s / wk - gxi * xi / wk;
        double gx = gxi / wk;
        double gxk = -gxi / wk;

        // knots: xk = −B + 2B·Σ_{i<k} Wi, wk = 2B·Wk (same for heights); then through the softmax
        double span = 2 * bound;
        for (int i = 0; i < bins; i++) {
            gW[i] = span * ((i == k ? gwk : 0.0) + (i < k ? gxk : 0.0));
            gH[i] = span * ((i == k ? ghk : 0.0) + (i < k ? gyk : 0.0));
        }
        softmaxBackward(pw, gW, 1 - bins * minWidth, gp, gpo);
        softmaxBackward(ph, gH, 1 - bins * minHeight, gp, gpo + bins);
        int dOff = po + 2 * bins;
        int gdOff = gpo + 2 * bins;
        for (int j = 1; j < bins; j++) {
            double g = j == k ? gdk : (j == k + 1 ? gdk1 : 0.0);
            gp.set(gdOff + j - 1, g == 0.0 ? 0.0 : g * sigmoid(p.get(dOff + j - 1) + derivativeShift));
        }
        return gx;
    }

    private static void softmaxBackward(double[] prob, double[] g, double scale, Buffer gp, int gpo) {
        double dot = 0;
        for (int i = 0; i < prob.length; i++) {
            dot += prob[i] * g[i];
        }
        for (int j = 0; j < prob.length; j++) {
            gp.set(gpo + j, scale * prob[j] * (g[j] - dot));
        }
    }

    /** Fills pw, ph (softmax probabilities) and the knot positions. */
    private void knots(Buffer p, int po) {
        softmax(p, po, pw);
        softmax(p, po + bins, ph);
        cumulative(pw, minWidth, cumW);
        cumulative(ph, minHeight, cumH);
    }

    /** Fills deriv[k] and deriv[k + 1] (the only ones bin k needs). */
    private void derivatives(Buffer p, int po, int k) {
        deriv[k] = knotDerivative(p, po, k);
        deriv[k + 1] = knotDerivative(p, po, k + 1);
    }

    private double knotDerivative(Buffer p, int po, int j) {
        if (j == 0 || j == bins) {
            return 1.0;
        }
        return minDerivative + softplus(p.get(po + 2 * bins + j - 1) + derivativeShift);
    }

    private void softmax(Buffer p, int off, double[] prob) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bins; i++) {
            double v = p.get(off + i);
            max = v > max ? v : max;
        }
        double sum = 0;
        for (int i = 0; i < bins; i++) {
            double e = Math.exp(p.get(off + i) - max);
            prob[i] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < bins; i++) {
            prob[i] *= inv;
        }
    }

    private void cumulative(double[] prob, double min, double[] cum) {
        double scale = 1 - bins * min;
        double acc = 0;
        cum[0] = -bound;
        for (int i = 0; i < bins; i++) {
            acc += min + scale * prob[i];
            cum[i + 1] = -bound + 2 * bound * acc;
        }
        cum[bins] = bound;
    }

    private int bin(double[] cum, double v) {
        int k = 0;
        while (k < bins - 1 && v >= cum[k + 1]) {
            k++;
        }
        return k;
    }

    /** log(1 + eˣ), via the Math.exp/Math.log intrinsics (Math.log1p is a slow native call on JDK 17). */
    static double softplus(double v) {
        return v > 0 ? v + Math.log(1.0 + Math.exp(-v)) : Math.log(1.0 + Math.exp(v));
    }

    static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }
}
