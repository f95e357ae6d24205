package org.sbi4j.nn;

/**
 * A learned invertible linear map {@code z = W·θ + b} with {@code W = L·U}: L unit lower triangular, U upper
 * triangular with diagonal {@code softplus(raw + c) + 10⁻³} (c makes raw 0 give 1), as in nflows' LULinear
 * that sbi places after each spline coupling layer. Stored packed in one {@code d × d} block (strict lower =
 * L, strict upper and raw diagonal = U) plus the bias; initialised to the identity. {@code log|det W|} is
 * the sum of the log diagonal of U; the inverse is two triangular solves.
 */
public final class LuLinearTransform implements FlowTransform {

    private static final double MIN_DIAG = 1e-3;
    private static final double SHIFT = Math.log(Math.expm1(1.0 - MIN_DIAG));

    private final int dim;
    private final Param lu;
    private final Param bias;
    private final Precision precision;
    private final double[] l;
    private final double[] u;
    private final double[] gw;
    private final double[] tmp;
    private int capacity;
    private Mat w;
    private Mat gradW;
    private Mat out;
    private Mat inv;
    private Mat gradIn;
    private Mat lastIn;

    /**
     * Registers the transform.
     *
     * @param params parameter registry
     * @param name unique prefix
     * @param dim number of features
     */
    public LuLinearTransform(ParameterSet.Builder params, String name, int dim) {
        this.dim = dim;
        this.precision = params.precision();
        this.lu = params.add(name + "/lu", dim, dim, Init.zeros());
        this.bias = params.add(name + "/b", 1, dim, Init.zeros());
        l = new double[dim * dim];
        u = new double[dim * dim];
        gw = new double[dim * dim];
        tmp = new double[dim];
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void ensureCapacity(int n) {
        if (w == null) {
            w = Mat.zeros(precision, dim, dim);
            gradW = Mat.zeros(precision, dim, dim);
        }
        if (n > capacity) {
            capacity = n;
            out = Mat.zeros(precision, n, dim);
            inv = Mat.zeros(precision, n, dim);
            gradIn = Mat.zeros(precision, n, dim);
        }
    }

    /** Unpacks L and U and forms W = L·U; returns log|det W|. */
    private double factors() {
        Mat p = lu.value();
        double logDet = 0;
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                double v = p.get(i, j);
                if (i > j) {
                    l[i * dim + j] = v;
                    u[i * dim + j] = 0;
                } else if (i == j) {
                    l[i * dim + j] = 1;
                    double diag = RationalQuadraticSpline.softplus(v + SHIFT) + MIN_DIAG;
                    u[i * dim + j] = diag;
                    logDet += Math.log(diag);
                } else {
                    l[i * dim + j] = 0;
                    u[i * dim + j] = v;
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += l[i * dim + k] * u[k * dim + j];
                }
                w.set(i, j, s);
            }
        }
        return logDet;
    }

    @Override
    public Mat forward(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        lastIn = in;
        double ld = factors();
        Blas.gemm(false, true, n, dim, dim, 1.0, in, w, 0.0, out);
        Mat b = bias.value();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < dim; j++) {
                out.set(r, j, out.get(r, j) + b.get(0, j));
            }
            logDet[r] += ld;
        }
        return out;
    }

    @Override
    public Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        backwardInputs(gradOut, gradLogDet, gradContext, n);
        Blas.gemm(true, false, dim, dim, n, 1.0, gradOut, lastIn, 0.0, gradW);
        Mat gb = bias.grad();
        double gl = 0;
        for (int r = 0; r < n; r++) {
            gl += gradLogDet[r];
            for (int j = 0; j < dim; j++) {
                gb.set(0, j, gb.get(0, j) + gradOut.get(r, j));
            }
        }
        for (int i = 0; i < dim * dim; i++) {
            gw[i] = gradW.buffer().get(gradW.offset() + i);
        }
        Mat p = lu.value();
        Mat g = lu.grad();
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                double grad;
                if (i > j) {
                    // dL/dL_ij = Σ_c gW_ic U_jc
                    grad = 0;
                    for (int c = j; c < dim; c++) {
                        grad += gw[i * dim + c] * u[j * dim + c];
                    }
                } else {
                    // dL/dU_ij = Σ_r L_ri gW_rj
                    grad = 0;
                    for (int r = i; r < dim; r++) {
                        grad += l[r * dim + i] * gw[r * dim + j];
                    }
                    if (i == j) {
                        double diag = u[i * dim + i];
                        grad = (grad + gl / diag) * RationalQuadraticSpline.sigmoid(p.get(i, i) + SHIFT);
                    }
                }
                g.set(i, j, g.get(i, j) + grad);
            }
        }
        return gradIn;
    }

    @Override
    public Mat backwardInputs(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        factors();
        Blas.gemm(false, false, n, dim, dim, 1.0, gradOut, w, 0.0, gradIn);
        return gradIn;
    }

    @Override
    public Mat inverse(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        double ld = factors();
        Mat b = bias.value();
        for (int r = 0; r < n; r++) {
            // L y = z − b (unit diagonal), then U θ = y
            for (int i = 0; i < dim; i++) {
                double s = in.get(r, i) - b.get(0, i);
                for (int k = 0; k < i; k++) {
                    s -= l[i * dim + k] * tmp[k];
                }
                tmp[i] = s;
            }
            for (int i = dim - 1; i >= 0; i--) {
                double s = tmp[i];
                for (int k = i + 1; k < dim; k++) {
                    s -= u[i * dim + k] * tmp[k];
                }
                tmp[i] = s / u[i * dim + i];
            }
            for (int i = 0; i < dim; i++) {
                inv.set(r, i, tmp[i]);
            }
            if (logDet != null) {
                logDet[r] -= ld;
            }
        }
        return inv;
    }
}
