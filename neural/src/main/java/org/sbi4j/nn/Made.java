package org.sbi4j.nn;

/**
 * A masked autoencoder for distribution estimation (Germain et al. 2015) with a conditioning context:
 * {@code D} features in natural order, {@code P} outputs per feature laid out feature-major
 * ({@code out[d·P + p]}), where the outputs of feature {@code d} depend only on features {@code < d} and on
 * the context. Hidden degrees are assigned sequentially, so the masks are deterministic; permutations between
 * flow layers provide the variable orderings. With a context the hidden degrees are {@code k mod D}, starting
 * at 0: degree-0 units see only the context, so the first feature's outputs are a nonlinear function of the
 * context (in the nflows layout, {@code k mod max(1, D−1) + min(1, D−1)}, they would be constants). Without a
 * context the nflows layout is used.
 */
public final class Made {

    private final Mlp net;
    private final int features;
    private final int perFeature;

    /**
     * Registers a MADE.
     *
     * @param params where parameters are registered
     * @param name unique prefix
     * @param features D, at least 1
     * @param ctxIn context width (0 for none)
     * @param hidden hidden widths
     * @param perFeature P, outputs per feature
     * @param activation hidden nonlinearity
     * @param outputScale multiplier of the output layer's initial weight bound
     */
    public Made(ParameterSet.Builder params, String name, int features, int ctxIn, int[] hidden, int perFeature,
                Activation activation, double outputScale) {
        this.features = features;
        this.perFeature = perFeature;
        this.net = new Mlp(params, name, features, ctxIn, hidden, features * perFeature, activation,
                Activation.IDENTITY, outputScale, masks(features, hidden, perFeature, ctxIn > 0));
    }

    /** The masks of every layer, {@code in × out} row-major, for the given shape. */
    static double[][] masks(int features, int[] hidden, int perFeature, boolean conditional) {
        double[][] masks = new double[hidden.length + 1][];
        int[] prev = new int[features];
        for (int i = 0; i < features; i++) {
            prev[i] = i + 1;
        }
        for (int l = 0; l < hidden.length; l++) {
            int[] deg = new int[hidden[l]];
            int mod = conditional ? features : Math.max(1, features - 1);
            int add = conditional ? 0 : Math.min(1, features - 1);
            for (int k = 0; k < deg.length; k++) {
                deg[k] = k % mod + add;
            }
            double[] m = new double[prev.length * deg.length];
            for (int i = 0; i < prev.length; i++) {
                for (int k = 0; k < deg.length; k++) {
                    m[i * deg.length + k] = deg[k] >= prev[i] ? 1.0 : 0.0;
                }
            }
            masks[l] = m;
            prev = deg;
        }
        int out = features * perFeature;
        double[] m = new double[prev.length * out];
        for (int i = 0; i < prev.length; i++) {
            for (int j = 0; j < out; j++) {
                m[i * out + j] = (j / perFeature + 1) > prev[i] ? 1.0 : 0.0;
            }
        }
        masks[hidden.length] = m;
        return masks;
    }

    /** D. */
    public int features() {
        return features;
    }

    /** P. */
    public int perFeature() {
        return perFeature;
    }

    /** The underlying masked network. */
    public Mlp network() {
        return net;
    }

    /** Grows workspaces. */
    public void ensureCapacity(int n) {
        net.ensureCapacity(n);
    }

    /** Forward: {@code n × (D·P)} outputs. */
    public Mat forward(Mat x, Mat c, int n) {
        return net.forward(x, c, n);
    }

    /** Backward; accumulates parameter gradients. */
    public void backward(Mat gradOut, int n, boolean needInputGrad, boolean needContextGrad) {
        net.backward(gradOut, n, needInputGrad, needContextGrad);
    }

    /**
     * Backward that may leave the parameter gradients untouched ({@link Mlp#backward(Mat, int, boolean, boolean,
     * boolean)}).
     *
     * @param gradOut dL/d(output)
     * @param n active rows
     * @param needInputGrad whether {@link #inputGrad()} is wanted
     * @param needContextGrad whether {@link #contextGrad()} is wanted
     * @param accumulateParams whether to add the parameter gradients
     */
    public void backward(Mat gradOut, int n, boolean needInputGrad, boolean needContextGrad,
                         boolean accumulateParams) {
        net.backward(gradOut, n, needInputGrad, needContextGrad, accumulateParams);
    }

    /** dL/dx of the last backward. */
    public Mat inputGrad() {
        return net.inputGrad();
    }

    /** dL/dc of the last backward. */
    public Mat contextGrad() {
        return net.contextGrad();
    }
}
