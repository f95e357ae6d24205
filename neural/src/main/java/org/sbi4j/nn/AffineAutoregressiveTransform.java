package org.sbi4j.nn;

/**
 * Masked affine autoregressive transform (MAF, Papamakarios et al. 2017), conditioned on a context. A
 * {@link Made} gives, for feature d, a raw scale {@code u_d} and a shift {@code m_d} from features {@code < d}
 * and the context; then {@code z_d = θ_d·s_d + m_d} with {@code s_d = softplus(u_d + c) + 10⁻³}, {@code c}
 * chosen so that {@code u = 0} gives {@code s = 1} (as in nflows, density direction = one pass, sampling = D
 * passes).
 */
public final class AffineAutoregressiveTransform implements FlowTransform {

    private static final double MIN_SCALE = 1e-3;
    private static final double SHIFT = Math.log(Math.expm1(1.0 - MIN_SCALE));

    private final int dim;
    private final Made made;
    private final Precision precision;
    private int capacity;
    private Mat out;
    private Mat inv;
    private Mat gradParams;
    private Mat gradIn;
    private Mat lastIn;
    private Mat lastParams;

    /**
     * Registers the transform.
     *
     * @param params parameter registry
     * @param name unique prefix
     * @param dim number of features
     * @param contextDim context width (0 for none)
     * @param hidden hidden widths of the MADE
     * @param activation hidden nonlinearity
     * @param outputScale initial weight scale of the MADE's output layer (small: near identity)
     */
    public AffineAutoregressiveTransform(ParameterSet.Builder params, String name, int dim, int contextDim,
                                         int[] hidden, Activation activation, double outputScale) {
        this.dim = dim;
        this.precision = params.precision();
        this.made = new Made(params, name, dim, contextDim, hidden, 2, activation, outputScale);
        made.network().outputLayer().bias().setInit(Init.zeros());
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void ensureCapacity(int n) {
        made.ensureCapacity(n);
        if (n > capacity) {
            capacity = n;
            out = Mat.zeros(precision, n, dim);
            inv = Mat.zeros(precision, n, dim);
            gradParams = Mat.zeros(precision, n, 2 * dim);
            gradIn = Mat.zeros(precision, n, dim);
        }
    }

    static double scale(double u) {
        return RationalQuadraticSpline.softplus(u + SHIFT) + MIN_SCALE;
    }

    @Override
    public Mat forward(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        Mat p = made.forward(in, context, n);
        lastIn = in;
        lastParams = p;
        Buffer pb = p.buffer();
        Buffer ib = in.buffer();
        Buffer ob = out.buffer();
        for (int r = 0; r < n; r++) {
            int pi = p.index(r, 0);
            int ii = in.index(r, 0);
            int oi = out.index(r, 0);
            double ld = 0;
            for (int d = 0; d < dim; d++) {
                double s = scale(pb.get(pi + 2 * d));
                ob.set(oi + d, ib.get(ii + d) * s + pb.get(pi + 2 * d + 1));
                ld += Math.log(s);
            }
            logDet[r] += ld;
        }
        return out;
    }

    @Override
    public Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        Buffer pb = lastParams.buffer();
        Buffer ib = lastIn.buffer();
        Buffer gob = gradOut.buffer();
        Buffer gpb = gradParams.buffer();
        Buffer gib = gradIn.buffer();
        for (int r = 0; r < n; r++) {
            int pi = lastParams.index(r, 0);
            int ii = lastIn.index(r, 0);
            int gi = gradOut.index(r, 0);
            int gpi = gradParams.index(r, 0);
            int gii = gradIn.index(r, 0);
            double gl = gradLogDet[r];
            for (int d = 0; d < dim; d++) {
                double u = pb.get(pi + 2 * d);
                double s = scale(u);
                double gz = gob.get(gi + d);
                double gs = gz * ib.get(ii + d) + gl / s;
                gpb.set(gpi + 2 * d, gs * RationalQuadraticSpline.sigmoid(u + SHIFT));
                gpb.set(gpi + 2 * d + 1, gz);
                gib.set(gii + d, gz * s);
            }
        }
        made.backward(gradParams, n, true, gradContext != null);
        Mats.addInto(gradIn, made.inputGrad(), n);
        if (gradContext != null && made.contextGrad() != null) {
            Mats.addInto(gradContext, made.contextGrad(), n);
        }
        return gradIn;
    }

    @Override
    public Mat inverse(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        inv.zero(n);
        Buffer zb = in.buffer();
        Buffer xb = inv.buffer();
        // pass d fixes feature d: its parameters depend only on features < d, which are already final
        for (int d = 0; d < dim; d++) {
            Mat p = made.forward(inv, context, n);
            Buffer pb = p.buffer();
            for (int r = 0; r < n; r++) {
                int pi = p.index(r, 0);
                double s = scale(pb.get(pi + 2 * d));
                xb.set(inv.index(r, d), (zb.get(in.index(r, d)) - pb.get(pi + 2 * d + 1)) / s);
                if (logDet != null) {
                    logDet[r] -= Math.log(s);
                }
            }
        }
        return inv;
    }
}
