package org.sbi4j.nn;

/**
 * A masked autoregressive transform conditioned on a context: a {@link Made} gives feature {@code d} the
 * parameters of an element-wise bijection from features {@code < d} and the context, and the bijection maps
 * {@code θ_d} to {@code z_d}. The density direction is one pass; sampling is D passes, pass {@code d} fixing
 * feature {@code d}. Subclasses supply only the element-wise bijection (affine or rational-quadratic spline).
 */
public abstract sealed class AutoregressiveTransform implements FlowTransform
        permits AffineAutoregressiveTransform, SplineAutoregressiveTransform {

    private final int dim;
    private final int per;
    private final Made made;
    private final ElementwiseBijection element;
    private final ElementwisePass pass;
    private final Precision precision;
    private int capacity;
    private Mat out;
    private Mat inv;
    private Mat gradParams;
    private Mat gradIn;
    private Mat lastIn;
    private Mat lastParams;

    /**
     * Registers the MADE conditioner; its output biases start at zero.
     *
     * @param params parameter registry
     * @param name unique prefix
     * @param dim number of features
     * @param contextDim context width (0 for none)
     * @param hidden hidden widths of the MADE
     * @param activation hidden nonlinearity
     * @param outputScale initial weight scale of the MADE's output layer (small: near identity)
     * @param element the element-wise bijection
     */
    AutoregressiveTransform(ParameterSet.Builder params, String name, int dim, int contextDim, int[] hidden,
                            Activation activation, double outputScale, ElementwiseBijection element) {
        this.dim = dim;
        this.per = element.parameterCount();
        this.precision = params.precision();
        this.element = element;
        int[] all = new int[dim];
        for (int d = 0; d < dim; d++) {
            all[d] = d;
        }
        this.pass = new ElementwisePass(element, all);
        this.made = new Made(params, name, dim, contextDim, hidden, per, activation, outputScale);
        made.network().outputLayer().bias().setInit(Init.zeros());
    }

    @Override
    public final int dimension() {
        return dim;
    }

    @Override
    public final void ensureCapacity(int n) {
        made.ensureCapacity(n);
        if (n > capacity) {
            capacity = n;
            out = Mat.zeros(precision, n, dim);
            inv = Mat.zeros(precision, n, dim);
            gradParams = Mat.zeros(precision, n, pass.parameterWidth());
            gradIn = Mat.zeros(precision, n, dim);
            pass.ensureRows(n);
        }
    }

    @Override
    public final Mat forward(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        Mat p = made.forward(in, context, n);
        lastIn = in;
        lastParams = p;
        pass.forward(p, in, out, n, logDet);
        return out;
    }

    @Override
    public final Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        return backward(gradOut, gradLogDet, gradContext, n, true);
    }

    @Override
    public final Mat backwardInputs(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        return backward(gradOut, gradLogDet, gradContext, n, false);
    }

    private Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n, boolean accumulateParams) {
        pass.backward(lastParams, lastIn, gradOut, gradLogDet, gradParams, gradIn, n);
        made.backward(gradParams, n, true, gradContext != null, accumulateParams);
        Mats.addInto(gradIn, made.inputGrad(), n);
        if (gradContext != null && made.contextGrad() != null) {
            Mats.addInto(gradContext, made.contextGrad(), n);
        }
        return gradIn;
    }

    @Override
    public final Mat inverse(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        inv.zero(n);
        Buffer zb = in.buffer();
        Buffer xb = inv.buffer();
        // pass d fixes feature d: its parameters depend only on features < d, which are already final
        for (int d = 0; d < dim; d++) {
            Mat p = made.forward(inv, context, n);
            Buffer pb = p.buffer();
            for (int r = 0; r < n; r++) {
                xb.set(inv.index(r, d), element.inverse(pb, p.index(r, 0) + d * per, zb.get(in.index(r, d))));
                if (logDet != null) {
                    logDet[r] -= element.logDet();
                }
            }
        }
        return inv;
    }
}
