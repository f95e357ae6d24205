package org.sbi4j.nn;

/**
 * Rational-quadratic spline coupling transform: the neural spline flow as built by sbi's default NSF
 * (Durkan et al. 2019). Features are split by a binary mask; the identity features and the context feed an
 * {@link Mlp} that gives each transformed feature the {@code 3K − 1} parameters of its
 * {@link RationalQuadraticSpline}. Both directions take one pass. With one feature, the spline parameters
 * come from the context alone.
 */
public final class SplineCouplingTransform implements FlowTransform {

    private final int dim;
    private final int per;
    private final int[] identity;
    private final int[] transformed;
    private final Mlp conditioner;
    private final RationalQuadraticSpline spline;
    private final ElementwisePass pass;
    private final Precision precision;
    private int capacity;
    private Mat condIn;
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
     * @param transformMask {@code true} for the features this layer transforms (at least one)
     * @param contextDim context width (0 for none)
     * @param hidden hidden widths of the conditioner
     * @param activation hidden nonlinearity
     * @param bins K
     * @param tailBound B
     * @param outputScale initial weight scale of the conditioner's output layer (small: near identity)
     */
    public SplineCouplingTransform(ParameterSet.Builder params, String name, int dim, boolean[] transformMask,
                                   int contextDim, int[] hidden, Activation activation, int bins,
                                   double tailBound, double outputScale) {
        if (transformMask.length != dim) {
            throw new IllegalArgumentException("mask length " + transformMask.length + " != " + dim);
        }
        this.dim = dim;
        this.per = RationalQuadraticSpline.parameterCount(bins);
        this.precision = params.precision();
        int t = 0;
        for (boolean b : transformMask) {
            t += b ? 1 : 0;
        }
        if (t == 0) {
            throw new IllegalArgumentException("coupling mask transforms no feature");
        }
        transformed = new int[t];
        identity = new int[dim - t];
        for (int d = 0, a = 0, b = 0; d < dim; d++) {
            if (transformMask[d]) {
                transformed[a++] = d;
            } else {
                identity[b++] = d;
            }
        }
        this.spline = new RationalQuadraticSpline(bins, tailBound);
        this.pass = new ElementwisePass(spline, transformed);
        this.conditioner = new Mlp(params, name, identity.length, contextDim, hidden, t * per, activation,
                Activation.IDENTITY, outputScale);
        conditioner.outputLayer().bias().setInit(Init.zeros());
    }

    /** The alternating mask of layer {@code layer}: even layers transform the odd features, odd layers the even. */
    public static boolean[] alternatingMask(int dim, int layer) {
        boolean[] m = new boolean[dim];
        for (int d = 0; d < dim; d++) {
            m[d] = dim == 1 || (d % 2 == 0) == (layer % 2 == 1);
        }
        return m;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void ensureCapacity(int n) {
        conditioner.ensureCapacity(n);
        if (n > capacity) {
            capacity = n;
            condIn = Mat.zeros(precision, n, Math.max(1, identity.length));
            out = Mat.zeros(precision, n, dim);
            inv = Mat.zeros(precision, n, dim);
            gradParams = Mat.zeros(precision, n, pass.parameterWidth());
            gradIn = Mat.zeros(precision, n, dim);
            pass.ensureRows(n);
        }
    }

    private Mat conditionerParams(Mat x, Mat context, int n) {
        if (identity.length > 0) {
            Buffer cb = condIn.buffer();
            Buffer xb = x.buffer();
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < identity.length; i++) {
                    cb.set(condIn.index(r, i), xb.get(x.index(r, identity[i])));
                }
            }
        }
        return conditioner.forward(condIn, context, n);
    }

    @Override
    public Mat forward(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        Mat p = conditionerParams(in, context, n);
        lastIn = in;
        lastParams = p;
        Buffer ib = in.buffer();
        Buffer ob = out.buffer();
        for (int r = 0; r < n; r++) {
            for (int i : identity) {
                ob.set(out.index(r, i), ib.get(in.index(r, i)));
            }
        }
        pass.forward(p, in, out, n, logDet);
        return out;
    }

    @Override
    public Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        return backward(gradOut, gradLogDet, gradContext, n, true);
    }

    @Override
    public Mat backwardInputs(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        return backward(gradOut, gradLogDet, gradContext, n, false);
    }

    private Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n, boolean accumulateParams) {
        pass.backward(lastParams, lastIn, gradOut, gradLogDet, gradParams, gradIn, n);
        Buffer gob = gradOut.buffer();
        Buffer gib = gradIn.buffer();
        for (int r = 0; r < n; r++) {
            for (int i : identity) {
                gib.set(gradIn.index(r, i), gob.get(gradOut.index(r, i)));
            }
        }
        conditioner.backward(gradParams, n, identity.length > 0, gradContext != null, accumulateParams);
        if (identity.length > 0) {
            Mat gc = conditioner.inputGrad();
            Buffer gcb = gc.buffer();
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < identity.length; i++) {
                    gib.add(gradIn.index(r, identity[i]), gcb.get(gc.index(r, i)));
                }
            }
        }
        if (gradContext != null && conditioner.contextGrad() != null) {
            Mats.addInto(gradContext, conditioner.contextGrad(), n);
        }
        return gradIn;
    }

    @Override
    public Mat inverse(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        Mat p = conditionerParams(in, context, n);
        Buffer pb = p.buffer();
        Buffer zb = in.buffer();
        Buffer xb = inv.buffer();
        for (int r = 0; r < n; r++) {
            for (int i : identity) {
                xb.set(inv.index(r, i), zb.get(in.index(r, i)));
            }
            int pi = p.index(r, 0);
            double ld = 0;
            for (int t = 0; t < transformed.length; t++) {
                int d = transformed[t];
                xb.set(inv.index(r, d), spline.inverse(pb, pi + t * per, zb.get(in.index(r, d))));
                ld += spline.logDet();
            }
            if (logDet != null) {
                logDet[r] -= ld;
            }
        }
        return inv;
    }
}
