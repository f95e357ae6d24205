package org.sbi4j.nn;

/**
 * Autoregressive rational-quadratic spline transform (the autoregressive variant of the neural spline flow):
 * a {@link Made} gives each feature the {@code 3K − 1} parameters of its {@link RationalQuadraticSpline} from
 * the earlier features and the context. Density direction is one pass; sampling is D passes.
 */
public final class SplineAutoregressiveTransform implements FlowTransform {

    private final int dim;
    private final int per;
    private final Made made;
    private final RationalQuadraticSpline spline;
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
     * @param bins K
     * @param tailBound B
     * @param outputScale initial weight scale of the MADE's output layer (small: near identity)
     */
    public SplineAutoregressiveTransform(ParameterSet.Builder params, String name, int dim, int contextDim,
                                         int[] hidden, Activation activation, int bins, double tailBound,
                                         double outputScale) {
        this.dim = dim;
        this.per = RationalQuadraticSpline.parameterCount(bins);
        this.precision = params.precision();
        this.spline = new RationalQuadraticSpline(bins, tailBound);
        this.made = new Made(params, name, dim, contextDim, hidden, per, activation, outputScale);
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
            gradParams = Mat.zeros(precision, n, dim * per);
            gradIn = Mat.zeros(precision, n, dim);
            spline.ensureSlots(n * dim);
        }
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
            double ld = 0;
            for (int d = 0; d < dim; d++) {
                ob.set(out.index(r, d), spline.forward(pb, pi + d * per, ib.get(in.index(r, d)), r * dim + d));
                ld += spline.logDet();
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
            int gpi = gradParams.index(r, 0);
            for (int d = 0; d < dim; d++) {
                double gx = spline.backward(pb, pi + d * per, ib.get(lastIn.index(r, d)),
                        gob.get(gradOut.index(r, d)), gradLogDet[r], gpb, gpi + d * per, r * dim + d);
                gib.set(gradIn.index(r, d), gx);
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
                xb.set(inv.index(r, d), spline.inverse(pb, p.index(r, 0) + d * per, zb.get(in.index(r, d))));
                if (logDet != null) {
                    logDet[r] -= spline.logDet();
                }
            }
        }
        return inv;
    }
}
