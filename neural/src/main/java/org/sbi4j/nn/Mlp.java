package org.sbi4j.nn;

/**
 * A multilayer perceptron of {@link Dense} layers: {@code in (+ context) → hidden… → out}. The context, when
 * present, enters the first layer only. Optional per-layer masks make it a MADE (see {@link Made}).
 */
public final class Mlp implements Embedding {

    private final Dense[] layers;
    private final int in;
    private final int ctxIn;
    private final int out;

    /**
     * An unmasked MLP.
     *
     * @param params where parameters are registered
     * @param name unique prefix of the parameter names
     * @param in main input width (may be 0 when there is a context)
     * @param ctxIn context width (0 for none)
     * @param hidden widths of the hidden layers (may be empty)
     * @param out output width
     * @param hiddenActivation nonlinearity of the hidden layers
     * @param outputActivation nonlinearity of the output layer
     * @param outputScale multiplier of the output layer's initial weight bound
     */
    public Mlp(ParameterSet.Builder params, String name, int in, int ctxIn, int[] hidden, int out,
               Activation hiddenActivation, Activation outputActivation, double outputScale) {
        this(params, name, in, ctxIn, hidden, out, hiddenActivation, outputActivation, outputScale, null);
    }

    Mlp(ParameterSet.Builder params, String name, int in, int ctxIn, int[] hidden, int out,
        Activation hiddenActivation, Activation outputActivation, double outputScale, double[][] masks) {
        this.in = in;
        this.ctxIn = ctxIn;
        this.out = out;
        this.layers = new Dense[hidden.length + 1];
        int width = in;
        for (int l = 0; l <= hidden.length; l++) {
            boolean last = l == hidden.length;
            int w = last ? out : hidden[l];
            layers[l] = new Dense(params, name + "/" + l, width, l == 0 ? ctxIn : 0, w,
                    last ? outputActivation : hiddenActivation, masks == null ? null : masks[l],
                    last ? outputScale : 1.0);
            width = w;
        }
    }

    /** Main input width. */
    @Override
    public int inputDim() {
        return in;
    }

    /** Context width. */
    public int contextDim() {
        return ctxIn;
    }

    /** Output width. */
    @Override
    public int outputDim() {
        return out;
    }

    /** The output layer (e.g. to set its bias). */
    public Dense outputLayer() {
        return layers[layers.length - 1];
    }

    /** Grows all workspaces to {@code n} rows. */
    @Override
    public void ensureCapacity(int n) {
        for (Dense d : layers) {
            d.ensureCapacity(n);
        }
    }

    /**
     * Forward pass.
     *
     * @param x input rows ({@code n × in})
     * @param c context rows ({@code n × ctxIn}) or {@code null}
     * @param n active rows
     * @return the output workspace
     */
    public Mat forward(Mat x, Mat c, int n) {
        Mat h = layers[0].forward(x, c, n);
        for (int l = 1; l < layers.length; l++) {
            h = layers[l].forward(h, null, n);
        }
        return h;
    }

    /**
     * Backward pass for the last forward; accumulates parameter gradients.
     *
     * @param gradOut dL/d(output)
     * @param n active rows
     * @param needInputGrad whether {@link #inputGrad()} is wanted
     * @param needContextGrad whether {@link #contextGrad()} is wanted
     */
    public void backward(Mat gradOut, int n, boolean needInputGrad, boolean needContextGrad) {
        backward(gradOut, n, needInputGrad, needContextGrad, true);
    }

    /**
     * Backward pass for the last forward, optionally without touching the parameter gradients (a vector–Jacobian
     * product in the inputs only, see {@link Dense#backward(Mat, int, boolean, boolean, boolean)}): the input and
     * context gradients are the same numbers either way.
     *
     * @param gradOut dL/d(output)
     * @param n active rows
     * @param needInputGrad whether {@link #inputGrad()} is wanted
     * @param needContextGrad whether {@link #contextGrad()} is wanted
     * @param accumulateParams whether to add the parameter gradients
     */
    public void backward(Mat gradOut, int n, boolean needInputGrad, boolean needContextGrad,
                         boolean accumulateParams) {
        Mat g = gradOut;
        for (int l = layers.length - 1; l >= 0; l--) {
            layers[l].backward(g, n, l > 0 || needInputGrad, l == 0 && needContextGrad, accumulateParams);
            g = layers[l].inputGrad();
        }
    }

    @Override
    public Mat embed(Mat x, int n) {
        return forward(x, null, n);
    }

    @Override
    public void embedBackward(Mat gradOut, int n) {
        backward(gradOut, n, false, false);
    }

    @Override
    public Mat embedBackwardToInput(Mat gradOut, int n) {
        backward(gradOut, n, true, false);
        return inputGrad();
    }

    @Override
    public Mat embedInputGradient(Mat gradOut, int n) {
        backward(gradOut, n, true, false, false);
        return inputGrad();
    }

    /** dL/dx of the last backward (null when the input width is 0). */
    public Mat inputGrad() {
        return layers[0].inputGrad();
    }

    /** dL/dc of the last backward (null without context). */
    public Mat contextGrad() {
        return layers[0].contextGrad();
    }
}
