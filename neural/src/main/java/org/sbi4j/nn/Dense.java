package org.sbi4j.nn;

/**
 * A fully connected layer {@code a = act(x·(W⊙M) + c·V + b)} with an optional binary mask {@code M} on the
 * main weights (MADE) and an optional second, unmasked input {@code c} (a conditioning context), so that
 * concatenating inputs never needs a copy. Weights are stored {@code in × out} (row-major), so a batch is one
 * gemm. Forward keeps what backward needs; backward accumulates parameter gradients, writes the input
 * gradients into its own workspaces and overwrites the layer's activations with dL/dz (except for the
 * identity), so read {@link #output()} before calling it. Workspaces grow with {@link #ensureCapacity} and are
 * reused.
 */
public final class Dense {

    private final int in;
    private final int ctxIn;
    private final int out;
    private final Activation activation;
    private final Param weight;
    private final Param contextWeight;
    private final Param bias;
    private final double[] mask;
    private final Precision precision;

    private int capacity;
    private Mat z;
    private Mat a;
    private Mat dz;
    private Mat dx;
    private Mat dc;
    private Mat maskedWeight;
    private Mat weightTmp;
    private final double[] rowScratch;
    /** A row of floats for the float32 bias loops ({@link #biasRows}, {@link #biasGradientRows}). */
    private final float[] rowFloats;
    /** The bias, or a row of the upstream gradient, as floats (the same loops). */
    private final float[] biasFloats;
    private Mat lastX;
    private Mat lastC;

    /**
     * Registers the layer's parameters.
     *
     * @param params where parameters are registered
     * @param name unique prefix of the parameter names
     * @param in main input width (may be 0)
     * @param ctxIn context input width (0 for none)
     * @param out output width
     * @param activation nonlinearity
     * @param mask {@code in × out} row-major 0/1 mask of the main weights, or {@code null}
     * @param weightScale multiplier of the default ±1/√fan-in weight bound (small for near-identity flows)
     */
    public Dense(ParameterSet.Builder params, String name, int in, int ctxIn, int out, Activation activation,
                 double[] mask, double weightScale) {
        if (in < 0 || ctxIn < 0 || out <= 0) {
            throw new IllegalArgumentException("bad layer shape " + in + "+" + ctxIn + " -> " + out);
        }
        if (mask != null && mask.length != in * out) {
            throw new IllegalArgumentException("mask length " + mask.length + " != " + in * out);
        }
        this.in = in;
        this.ctxIn = ctxIn;
        this.out = out;
        this.activation = activation;
        this.precision = params.precision();
        int fanIn = Math.max(1, in + ctxIn);
        if (mask != null) {
            // fan-in of a masked unit is the number of its connections
            fanIn = Math.max(1, maxConnections(mask, in, out) + ctxIn);
        }
        Init wInit = Init.uniformFanIn(fanIn, weightScale);
        this.weight = in > 0 ? params.add(name + "/w", in, out, maskedInit(wInit, mask)) : null;
        this.contextWeight = ctxIn > 0 ? params.add(name + "/v", ctxIn, out, wInit) : null;
        this.bias = params.add(name + "/b", 1, out, Init.uniformFanIn(fanIn, weightScale));
        this.mask = mask == null ? null : mask.clone();
        this.rowScratch = new double[out];
        this.rowFloats = new float[out];
        this.biasFloats = new float[out];
    }

    private static int maxConnections(double[] mask, int in, int out) {
        int best = 0;
        for (int j = 0; j < out; j++) {
            int c = 0;
            for (int i = 0; i < in; i++) {
                if (mask[i * out + j] != 0.0) {
                    c++;
                }
            }
            best = Math.max(best, c);
        }
        return best;
    }

    private static Init maskedInit(Init init, double[] mask) {
        if (mask == null) {
            return init;
        }
        return (value, rng) -> {
            init.apply(value, rng);
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] == 0.0) {
                    value.buffer().set(value.offset() + i, 0.0);
                }
            }
        };
    }

    /** Main input width. */
    public int inputDim() {
        return in;
    }

    /** Context input width (0 when none). */
    public int contextDim() {
        return ctxIn;
    }

    /** Output width. */
    public int outputDim() {
        return out;
    }

    /** The bias block (to set a specific initial output). */
    public Param bias() {
        return bias;
    }

    /** Grows the workspaces to hold {@code n} rows. */
    public void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        a = Mat.zeros(precision, n, out);
        z = activation.needsPreActivation() ? Mat.zeros(precision, n, out) : a;
        // dL/dz overwrites the (pre-)activations it is computed from: one buffer less per layer, which matters
        // because these element loops are bound by memory traffic
        dz = activation == Activation.IDENTITY ? null : z;
        dx = in > 0 ? Mat.zeros(precision, n, in) : null;
        dc = ctxIn > 0 ? Mat.zeros(precision, n, ctxIn) : null;
        if (mask != null && maskedWeight == null) {
            maskedWeight = Mat.zeros(precision, in, out);
            weightTmp = Mat.zeros(precision, in, out);
        }
    }

    /**
     * Forward pass on the first {@code n} rows.
     *
     * @param x main input, {@code n × in} (ignored when {@code in == 0})
     * @param c context, {@code n × ctxIn}, or {@code null} when the layer has none
     * @param n active rows
     * @return the output workspace (valid until the next forward)
     */
    public Mat forward(Mat x, Mat c, int n) {
        ensureCapacity(n);
        lastX = x;
        lastC = c;
        double beta = 0.0;
        if (in > 0) {
            Mat w = weight.value();
            if (mask != null) {
                applyMask(w, maskedWeight);
                w = maskedWeight;
            }
            Blas.gemm(false, false, n, out, in, 1.0, x, w, 0.0, a);
            beta = 1.0;
        }
        if (ctxIn > 0) {
            Blas.gemm(false, false, n, out, ctxIn, 1.0, c, contextWeight.value(), beta, a);
            beta = 1.0;
        }
        Buffer bb = bias.value().buffer();
        int bo = bias.value().offset();
        double[] b = rowScratch;
        for (int j = 0; j < out; j++) {
            b[j] = bb.get(bo + j);
        }
        if (beta == 0.0) {
            a.zero(n);
        }
        if (rowLoops()) {
            biasRows(bb, bo, n);
        } else {
            activation.forwardBias(a.buffer(), 0, b, n, out, z.buffer());
        }
        return a;
    }

    /**
     * Whether the bias (and ReLU) run in {@link #biasRows} / {@link #biasGradientRows}: float32 identity and ReLU
     * layers. The element loops of {@link Activation} read and write the NIO view one element at a time in double,
     * which HotSpot 17 does not vectorise (≈4× slower); these copy rows to the heap and give the same numbers (a
     * double sum of two floats rounded to float is the float sum, and rounding keeps the sign).
     */
    private boolean rowLoops() {
        return precision == Precision.FLOAT32 && (activation == Activation.IDENTITY || activation == Activation.RELU);
    }

    /** Float32 {@code a ← a + b} (identity) or {@code a ← relu(a + b)}, row by row on heap copies. */
    private void biasRows(Buffer bias, int biasFrom, int n) {
        Buffer ab = a.buffer();
        bias.read(biasFrom, biasFloats, out);
        boolean relu = activation == Activation.RELU;
        for (int r = 0; r < n; r++) {
            ab.read(r * out, rowFloats, out);
            if (relu) {
                reluBias(rowFloats, biasFloats, out);
            } else {
                addBias(rowFloats, biasFloats, out);
            }
            ab.write(r * out, rowFloats, out);
        }
    }

    private static void addBias(float[] row, float[] bias, int cols) {
        for (int j = 0; j < cols; j++) {
            row[j] = row[j] + bias[j];
        }
    }

    private static void reluBias(float[] row, float[] bias, int cols) {
        // Math.max vectorises where the ternary of Activation.RELU compiles to a branch that mispredicts on half
        // the elements (≈4× slower); the two agree on every number, ±0 included, and differ only on NaN, which max
        // passes on (as PyTorch's ReLU does) instead of zeroing it
        for (int j = 0; j < cols; j++) {
            row[j] = Math.max(row[j] + bias[j], 0f);
        }
    }

    /**
     * Float32 backward through the bias (and ReLU), row by row on heap copies, as {@link Activation#backwardBias}:
     * for ReLU dL/dz = dL/da where the output is positive, written over the outputs ({@code dz} is {@code a});
     * dL/dz's column sums are added to {@code biasGrad} in double, in row order.
     */
    private void biasGradientRows(Mat gradOut, double[] biasGrad, int n) {
        Buffer gb = gradOut.buffer();
        Buffer ab = a.buffer();
        boolean relu = activation == Activation.RELU;
        for (int r = 0; r < n; r++) {
            gb.read(gradOut.offset() + r * gradOut.cols(), biasFloats, out);
            float[] dz = biasFloats;
            if (relu) {
                ab.read(r * out, rowFloats, out);
                reluGrad(rowFloats, biasFloats, out);
                ab.write(r * out, rowFloats, out);
                dz = rowFloats;
            }
            for (int j = 0; j < out; j++) {
                biasGrad[j] += dz[j];
            }
        }
    }

    private static void reluGrad(float[] activation, float[] grad, int cols) {
        for (int j = 0; j < cols; j++) {
            activation[j] = activation[j] > 0f ? grad[j] : 0f;
        }
    }

    private void applyMask(Mat w, Mat target) {
        Buffer wb = w.buffer();
        Buffer tb = target.buffer();
        int wo = w.offset();
        for (int i = 0, len = in * out; i < len; i++) {
            tb.set(i, mask[i] == 0.0 ? 0.0 : wb.get(wo + i));
        }
    }

    /** The output of the last forward pass (overwritten by {@link #backward} unless the activation is the identity). */
    public Mat output() {
        return a;
    }

    /**
     * Backward pass for the last forward's inputs. Accumulates parameter gradients.
     *
     * @param gradOut dL/da, {@code n × out}
     * @param n active rows
     * @param needInputGrad whether to compute dL/dx into {@link #inputGrad()}
     * @param needContextGrad whether to compute dL/dc into {@link #contextGrad()}
     */
    public void backward(Mat gradOut, int n, boolean needInputGrad, boolean needContextGrad) {
        backward(gradOut, n, needInputGrad, needContextGrad, true);
    }

    /**
     * Backward pass for the last forward's inputs, optionally without touching the parameter gradients: a
     * vector–Jacobian product in the inputs only (e.g. one row of a Jacobian for an exact divergence, or the
     * gradient of a network's output in its inputs), which saves the weight-gradient products. With the identity
     * activation nothing of the forward pass is overwritten, so several such passes may follow one forward; with
     * another activation the pass overwrites the layer's dL/dz workspace, as a full backward does.
     *
     * @param gradOut dL/da, {@code n × out}
     * @param n active rows
     * @param needInputGrad whether to compute dL/dx into {@link #inputGrad()}
     * @param needContextGrad whether to compute dL/dc into {@link #contextGrad()}
     * @param accumulateParams whether to add the parameter gradients
     */
    public void backward(Mat gradOut, int n, boolean needInputGrad, boolean needContextGrad,
                         boolean accumulateParams) {
        if (!accumulateParams && activation == Activation.IDENTITY) {
            if (in > 0 && needInputGrad) {
                Blas.gemm(false, true, n, in, out, 1.0, gradOut, mask == null ? weight.value() : maskedWeight, 0.0,
                        dx);
            }
            if (ctxIn > 0 && needContextGrad) {
                Blas.gemm(false, true, n, ctxIn, out, 1.0, gradOut, contextWeight.value(), 0.0, dc);
            }
            return;
        }
        double[] db = rowScratch;
        java.util.Arrays.fill(db, 0.0);
        if (rowLoops()) {
            biasGradientRows(gradOut, db, n);
        } else {
            activation.backwardBias(gradOut.buffer(), gradOut.offset(), gradOut.cols(), a.buffer(), z.buffer(),
                    dz == null ? null : dz.buffer(), db, n, out);
        }
        // for the identity, dL/dz is the upstream gradient itself: no copy
        Mat delta = dz == null ? gradOut : dz;
        if (!accumulateParams) {
            // the input gradients only: no weight-gradient products
            if (in > 0 && needInputGrad) {
                Blas.gemm(false, true, n, in, out, 1.0, delta, mask == null ? weight.value() : maskedWeight, 0.0, dx);
            }
            if (ctxIn > 0 && needContextGrad) {
                Blas.gemm(false, true, n, ctxIn, out, 1.0, delta, contextWeight.value(), 0.0, dc);
            }
            return;
        }
        Buffer dbb = bias.grad().buffer();
        int dbo = bias.grad().offset();
        for (int j = 0; j < out; j++) {
            dbb.add(dbo + j, db[j]);
        }
        if (in > 0) {
            if (mask == null) {
                Blas.gemm(true, false, in, out, n, 1.0, lastX, delta, 1.0, weight.grad());
            } else {
                Blas.gemm(true, false, in, out, n, 1.0, lastX, delta, 0.0, weightTmp);
                Buffer tb = weightTmp.buffer();
                Buffer wg = weight.grad().buffer();
                int wgo = weight.grad().offset();
                for (int i = 0, len = in * out; i < len; i++) {
                    if (mask[i] != 0.0) {
                        wg.add(wgo + i, tb.get(i));
                    }
                }
            }
            if (needInputGrad) {
                Blas.gemm(false, true, n, in, out, 1.0, delta, mask == null ? weight.value() : maskedWeight, 0.0, dx);
            }
        }
        if (ctxIn > 0) {
            Blas.gemm(true, false, ctxIn, out, n, 1.0, lastC, delta, 1.0, contextWeight.grad());
            if (needContextGrad) {
                Blas.gemm(false, true, n, ctxIn, out, 1.0, delta, contextWeight.value(), 0.0, dc);
            }
        }
    }

    /** dL/dx from the last backward (null when the layer has no main input). */
    public Mat inputGrad() {
        return dx;
    }

    /** dL/dc from the last backward (null when the layer has no context). */
    public Mat contextGrad() {
        return dc;
    }
}
