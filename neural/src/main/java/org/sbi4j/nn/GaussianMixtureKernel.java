package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A Gaussian mixture with {@code K} components in {@code d} dimensions from one row of unconstrained
 * parameters, laid out as {@code [K logits | K·d means | K·d raw diagonals | K·d(d−1)/2 strict-lower
 * Cholesky entries (full covariance only)]}. Weights are {@code softmax(logits)}; component k has covariance
 * {@code L_k L_kᵀ} with {@code L_k} lower triangular, diagonal {@code softplus(raw + c) + 10⁻⁵} (raw 0 gives
 * 1). Shared by the trainable mixture base and the mixture density network. Holds scratch arrays; not
 * thread-safe.
 */
public final class GaussianMixtureKernel {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double MIN_SCALE = 1e-5;
    private static final double SHIFT = Math.log(Math.expm1(1.0 - MIN_SCALE));

    private final int k;
    private final int d;
    private final boolean full;
    private final int offMeans;
    private final int offDiag;
    private final int offLower;
    private final int count;
    private final double[] chol;
    private final double[] resid;
    private final double[] y;
    private final double[] w;
    private final double[] logTerms;
    /** The largest logit of the row last given to {@link #logitTotals}. */
    private double maxLogit;
    /** Σ exp(logit − maxLogit) of that row. */
    private double sum;

    /**
     * A mixture family.
     *
     * @param components K
     * @param dim d
     * @param fullCovariance full Cholesky factors, else diagonal
     */
    public GaussianMixtureKernel(int components, int dim, boolean fullCovariance) {
        if (components < 1 || dim < 1) {
            throw new IllegalArgumentException("bad mixture " + components + " x " + dim);
        }
        this.k = components;
        this.d = dim;
        this.full = fullCovariance;
        this.offMeans = k;
        this.offDiag = k + k * d;
        this.offLower = k + 2 * k * d;
        this.count = parameterCount(components, dim, fullCovariance);
        chol = new double[d * d];
        resid = new double[d];
        y = new double[d];
        w = new double[d];
        logTerms = new double[k];
    }

    /** Raw parameters per row. */
    public static int parameterCount(int components, int dim, boolean fullCovariance) {
        return components * (1 + 2 * dim) + (fullCovariance ? components * dim * (dim - 1) / 2 : 0);
    }

    /** Raw parameters per row. */
    public int parameterCount() {
        return count;
    }

    /** K. */
    public int components() {
        return k;
    }

    /** Offset of the means within a parameter row. */
    public int meansOffset() {
        return offMeans;
    }

    /** Offset of the raw diagonals within a parameter row. */
    public int diagonalOffset() {
        return offDiag;
    }

    /** Offset of the strict-lower Cholesky entries within a parameter row (full covariance only). */
    public int lowerOffset() {
        return offLower;
    }

    /** Whether the components have full (Cholesky) covariances. */
    public boolean fullCovariance() {
        return full;
    }

    /** The raw diagonal value that gives a Cholesky diagonal of {@code scale} (clamped to twice the minimum). */
    public static double rawDiagonal(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        double s = Math.max(scale, 2 * MIN_SCALE);
        return Math.log(Math.expm1(s - MIN_SCALE)) - SHIFT;
    }

    private void cholesky(Buffer p, int po, int comp) {
        int lower = po + offLower + comp * d * (d - 1) / 2;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v;
                if (i == j) {
                    v = RationalQuadraticSpline.softplus(p.get(po + offDiag + comp * d + i) + SHIFT) + MIN_SCALE;
                } else if (i > j && full) {
                    v = p.get(lower + i * (i - 1) / 2 + j);
                } else {
                    v = 0;
                }
                chol[i * d + j] = v;
            }
        }
    }

    /** y = L⁻¹ r (forward substitution); returns Σ log L_ii. */
    private double solveLower() {
        double logDiag = 0;
        for (int i = 0; i < d; i++) {
            double s = resid[i];
            for (int j = 0; j < i; j++) {
                s -= chol[i * d + j] * y[j];
            }
            double lii = chol[i * d + i];
            y[i] = s / lii;
            logDiag += Math.log(lii);
        }
        return logDiag;
    }

    /** w = L⁻ᵀ y (back substitution). */
    private void solveUpperTransposed() {
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int j = i + 1; j < d; j++) {
                s -= chol[j * d + i] * w[j];
            }
            w[i] = s / chol[i * d + i];
        }
    }

    private double componentLogDensity(Buffer p, int po, int comp, Buffer z, int zo) {
        cholesky(p, po, comp);
        for (int i = 0; i < d; i++) {
            resid[i] = z.get(zo + i) - p.get(po + offMeans + comp * d + i);
        }
        double logDiag = solveLower();
        double q = 0;
        for (int i = 0; i < d; i++) {
            q += y[i] * y[i];
        }
        return -0.5 * q - logDiag - 0.5 * d * LOG_2PI;
    }

    /** Sets {@link #maxLogit} and {@link #sum} for the K logits of a row (the mixture weights' normaliser). */
    private void logitTotals(Buffer p, int po) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double v = p.get(po + c);
            max = v > max ? v : max;
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += Math.exp(p.get(po + c) - max);
        }
        maxLogit = max;
        sum = total;
    }

    /** Fills logTerms with log π_k + log N_k and returns their log-sum-exp. */
    private double terms(Buffer p, int po, Buffer z, int zo) {
        logitTotals(p, po);
        double logNorm = maxLogit + Math.log(sum);
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double t = p.get(po + c) - logNorm + componentLogDensity(p, po, c, z, zo);
            logTerms[c] = t;
            max = t > max ? t : max;
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(logTerms[c] - max);
        }
        return max + Math.log(s);
    }

    /**
     * log q(z).
     *
     * @param p raw parameters
     * @param po offset of this row's parameters
     * @param z point
     * @param zo offset of the point
     * @return the log-density
     */
    public double logDensity(Buffer p, int po, Buffer z, int zo) {
        return terms(p, po, z, zo);
    }

    /**
     * Backward of {@code g · log q(z)}.
     *
     * @param p raw parameters
     * @param po offset of this row's parameters
     * @param z point
     * @param zo offset of the point
     * @param g dL/d(log q)
     * @param gp gradient of the raw parameters
     * @param gpo offset in {@code gp}
     * @param accumulate ADD into {@code gp} (shared parameters) instead of writing it
     * @param gz where dL/dz is WRITTEN (or {@code null})
     * @param gzo offset in {@code gz}
     */
    public void backward(Buffer p, int po, Buffer z, int zo, double g, Buffer gp, int gpo, boolean accumulate,
                         Buffer gz, int gzo) {
        double total = terms(p, po, z, zo);
        if (!accumulate) {
            gp.fill(gpo, gpo + count, 0.0);
        }
        if (gz != null) {
            gz.fill(gzo, gzo + d, 0.0);
        }
        logitTotals(p, po);
        for (int c = 0; c < k; c++) {
            double resp = Math.exp(logTerms[c] - total);
            double weight = Math.exp(p.get(po + c) - maxLogit) / sum;
            // d log q / d logit_c = responsibility − weight
            gp.add(gpo + c, g * (resp - weight));
            double gc = g * resp;
            if (gc == 0.0) {
                continue;
            }
            cholesky(p, po, c);
            for (int i = 0; i < d; i++) {
                resid[i] = z.get(zo + i) - p.get(po + offMeans + c * d + i);
            }
            solveLower();
            solveUpperTransposed();
            for (int i = 0; i < d; i++) {
                // d log N / d mean = w, d log N / dz = −w
                gp.add(gpo + offMeans + c * d + i, gc * w[i]);
                if (gz != null) {
                    gz.add(gzo + i, -gc * w[i]);
                }
                // d log N / d L_ii = w_i y_i − 1/L_ii, through the softplus
                double lii = chol[i * d + i];
                double raw = p.get(po + offDiag + c * d + i);
                gp.add(gpo + offDiag + c * d + i,
                        gc * (w[i] * y[i] - 1 / lii) * RationalQuadraticSpline.sigmoid(raw + SHIFT));
            }
            if (full) {
                int lower = gpo + offLower + c * d * (d - 1) / 2;
                for (int i = 1; i < d; i++) {
                    for (int j = 0; j < i; j++) {
                        gp.add(lower + i * (i - 1) / 2 + j, gc * w[i] * y[j]);
                    }
                }
            }
        }
    }

    /**
     * One draw.
     *
     * @param p raw parameters
     * @param po offset of this row's parameters
     * @param uniform uniform source for the component choice
     * @param gauss standard normal source
     * @param out destination
     * @param oo offset in {@code out}
     */
    public void sample(Buffer p, int po, UniformRandomProvider uniform, ZigguratSampler.NormalizedGaussian gauss,
                       Buffer out, int oo) {
        logitTotals(p, po);
        double u = uniform.nextDouble() * sum;
        int comp = k - 1;
        double acc = 0;
        for (int c = 0; c < k; c++) {
            acc += Math.exp(p.get(po + c) - maxLogit);
            if (u < acc) {
                comp = c;
                break;
            }
        }
        cholesky(p, po, comp);
        for (int i = 0; i < d; i++) {
            resid[i] = gauss.sample();
        }
        for (int i = 0; i < d; i++) {
            double s = p.get(po + offMeans + comp * d + i);
            for (int j = 0; j <= i; j++) {
                s += chol[i * d + j] * resid[j];
            }
            out.set(oo + i, s);
        }
    }
}
