package org.sbi4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The vector field {@code v(t, θ, x) ∈ R^d} of flow matching posterior estimation (FMPE; Dax et al. 2023): a
 * dense residual network on θ whose blocks are gated by a context {@code c = [τ(t), e(x)]}.
 *
 * <h2>Architecture</h2>
 * <ul>
 *   <li><b>Time features</b> {@code τ(t) = [t, sin(2π s 2^k t), cos(2π s 2^k t)]_{k<F}}: deterministic
 *   sinusoidal features with geometric frequencies (NeRF-style positional encoding, no parameters, nothing
 *   random to persist), F = {@link VectorFieldSpec#timeFrequencies} and scale s =
 *   {@link VectorFieldSpec#timeScale}; F = 0 leaves the raw t.</li>
 *   <li><b>x-embedding</b> {@code e(x)}: an {@link Embedding} (an MLP, or convolutional with
 *   {@link VectorFieldSpec#convEmbedding}) when {@link VectorFieldSpec#embeddingDim} &gt; 0, else
 *   x itself. It is computed by {@link #setContext} and cached in the context workspace, so an ODE solve with
 *   one x per row embeds x once, not at every evaluation (DINGO does the same).</li>
 *   <li><b>Input layer</b> {@code h₀ = θ·W + c·V + b} (one {@link Dense} with θ as main input and c as its
 *   context, so nothing is concatenated).</li>
 *   <li><b>Residual blocks</b> (nflows' ResidualBlock with layer norm in place of batch norm — batch norm would
 *   couple the rows and break the per-row Jacobian):
 *   {@code h ← h + [L₂(act(N₂(L₁(act(N₁(h))))))] ⊙ σ(c·G_l + g_l)}, N optional layer norms, L linear, the
 *   second initialised near zero so each block starts near the identity. The sigmoid gate is the GLU of
 *   nflows/DINGO; the gate pre-activations of all blocks come from one product {@code c·[G₁ … G_B]}.</li>
 *   <li><b>Output layer</b> {@code v = h_B·W_out + b_out}.</li>
 *   <li><b>Activation</b> {@link VectorFieldSpec#activation}, GELU by default (DINGO's choice; smooth, so the
 *   divergence is smooth in θ).</li>
 * </ul>
 * Note: DINGO's default ({@code theta_with_glu}) routes (t, θ) into the gate and x into the main path; here θ
 * is the main input and (t, x) the gate, the usual conditioning of a vector field, which also keeps every
 * θ-dependence on the main path for the divergence.
 *
 * <h2>Passes</h2>
 * {@link #forward} keeps every intermediate value; {@link #backward} (training: all parameter gradients,
 * including the x-embedding's, and optionally dL/dθ) and {@link #vectorJacobianProduct} (θ only, no parameter
 * gradients) overwrite nothing of the forward pass, so any number of them may follow one forward: that is
 * what {@link Divergence} needs. The first backward after a forward stores the activation derivatives, so the
 * following passes multiply instead of re-evaluating them. When every row has the same x (one observation,
 * detected by {@link #setContext}) and the forward has one shared time, the gates are computed for one row and
 * broadcast. Large element-wise work runs as native ND4J ops on {@link Mat#ndView} views (at 10⁴ rows of
 * width 128 a Java loop over the buffers costs ~5–12 ns an element, the native ops several times less), except
 * the float32 GELU, which runs in {@link GeluKernel} on heap copies (vectorised Java, ≈15× faster than the ND4J
 * ops). Nothing is allocated after {@link #ensureCapacity}. All parameters live in
 * the caller's {@link ParameterSet}; float32 or float64 follows its precision.
 */
public final class VectorFieldNetwork implements VectorJacobianProduct {

    private final VectorFieldSpec spec;
    private final Precision precision;
    private final int d;
    private final int width;
    private final int blocks;
    private final int timeWidth;
    private final int embeddedWidth;
    private final int contextWidth;
    private final Activation act;
    private final double[] frequencies;
    private final double[] timeRow;

    private final Embedding embedding;
    private final Dense input;
    private final Dense gate;
    private final Dense[] first;
    private final Dense[] second;
    private final LayerNorm[] norm1;
    private final LayerNorm[] norm2;
    private final Dense output;

    private int capacity;
    private int contextRows;
    private Mat context;
    private Mat[] stream;
    private Mat[] pre1;
    private Mat[] pre2;
    private Mat[] act1;
    private Mat[] act2;
    private Mat[] deriv1;
    private Mat[] deriv2;
    private boolean derivativesCurrent;
    /** Whether the last forward kept what a backward pass needs (not after {@link #forwardValues} in float32). */
    private boolean backwardReady;
    private boolean sharedX;
    private boolean embeddingSpent;
    private boolean gateShared;
    private Mat gateValues;
    private INDArray[] gateSlices;
    private int gateSliceRows = -1;
    private INDArray[] gradGateSlices;
    private int gradGateSliceRows = -1;
    private Mat gradStream;
    private Mat gradBranch;
    private Mat gradPre;
    private Mat gradGate;
    private Mat gradEmbedding;
    /**
     * Elements per heap piece of the float32 element-wise work (the GELU kernel and {@link #combine}): three heap
     * arrays of 16 kB that stay in the core's first-level cache.
     */
    private static final int PIECE = 4096;

    /** Heap pieces of the float32 element-wise work: the GELU's pre-activations, activations and tanh values. */
    private float[] heapU;
    private float[] heapA;
    private float[] heapT;
    /** Row scratch of the float32 gated residual ({@link #gatedResidual}, {@link #gateBackward}). */
    private final float[] rowZ;
    private final float[] rowG;
    private final float[] rowH;
    private final float[] rowOut;

    /**
     * Registers the parameters.
     *
     * @param params where parameters are registered
     * @param name unique prefix of the parameter names
     * @param spec the architecture (validated)
     */
    public VectorFieldNetwork(ParameterSet.Builder params, String name, VectorFieldSpec spec) {
        spec.validate();
        this.spec = spec;
        this.precision = params.precision();
        this.d = spec.thetaDim;
        this.width = spec.hiddenFeatures;
        this.blocks = spec.blocks;
        this.timeWidth = spec.timeFeatures();
        this.embeddedWidth = spec.embeddedContextDim();
        this.contextWidth = spec.gateContextDim();
        this.act = spec.activation;
        this.frequencies = new double[spec.timeFrequencies];
        for (int k = 0; k < frequencies.length; k++) {
            frequencies[k] = 2 * Math.PI * spec.timeScale * Math.pow(2, k);
        }
        this.timeRow = new double[timeWidth];
        this.rowZ = new float[width];
        this.rowG = new float[width];
        this.rowH = new float[width];
        this.rowOut = new float[width];
        this.embedding = Embedding.create(params, name + "/embed", spec.contextDim, spec.embeddingDim,
                spec.embeddingHidden, act, spec.convEmbedding);
        this.input = new Dense(params, name + "/in", d, contextWidth, width, Activation.IDENTITY, null, 1.0);
        this.gate = blocks > 0 ? new Dense(params, name + "/gate", contextWidth, 0, blocks * width,
                Activation.IDENTITY, null, 1.0) : null;
        this.first = new Dense[blocks];
        this.second = new Dense[blocks];
        this.norm1 = new LayerNorm[blocks];
        this.norm2 = new LayerNorm[blocks];
        for (int l = 0; l < blocks; l++) {
            String p = name + "/block" + l;
            if (spec.layerNorm) {
                norm1[l] = new LayerNorm(params, p + "/norm1", width);
            }
            first[l] = new Dense(params, p + "/linear1", width, 0, width, Activation.IDENTITY, null, 1.0);
            if (spec.layerNorm) {
                norm2[l] = new LayerNorm(params, p + "/norm2", width);
            }
            second[l] = new Dense(params, p + "/linear2", width, 0, width, Activation.IDENTITY, null,
                    spec.blockOutputScale);
        }
        this.output = new Dense(params, name + "/out", width, 0, d, Activation.IDENTITY, null, 1.0);
    }

    /** The architecture. */
    public VectorFieldSpec spec() {
        return spec;
    }

    @Override
    public int thetaDim() {
        return d;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /** Grows every workspace to {@code n} rows (a cached context of fewer rows must be set again). */
    public void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        contextRows = 0;
        gateSliceRows = -1;
        gradGateSliceRows = -1;
        context = Mat.zeros(precision, n, contextWidth);
        if (embedding != null) {
            embedding.ensureCapacity(n);
            gradEmbedding = Mat.zeros(precision, n, embeddedWidth);
        }
        input.ensureCapacity(n);
        output.ensureCapacity(n);
        stream = new Mat[blocks + 1];
        pre1 = new Mat[blocks];
        pre2 = new Mat[blocks];
        act1 = new Mat[blocks];
        act2 = new Mat[blocks];
        deriv1 = new Mat[blocks];
        deriv2 = new Mat[blocks];
        for (int l = 0; l < blocks; l++) {
            first[l].ensureCapacity(n);
            second[l].ensureCapacity(n);
            if (norm1[l] != null) {
                norm1[l].ensureCapacity(n);
                norm2[l].ensureCapacity(n);
            }
            stream[l + 1] = Mat.zeros(precision, n, width);
            act1[l] = Mat.zeros(precision, n, width);
            act2[l] = Mat.zeros(precision, n, width);
            if (act != Activation.IDENTITY) {
                deriv1[l] = Mat.zeros(precision, n, width);
                deriv2[l] = Mat.zeros(precision, n, width);
            }
        }
        if (gate != null) {
            gate.ensureCapacity(n);
            gradGate = Mat.zeros(precision, n, blocks * width);
        }
        if (precision == Precision.FLOAT32) {
            int chunk = Math.min(PIECE, n * width);
            heapU = new float[chunk];
            heapA = new float[chunk];
            heapT = new float[chunk];
        }
        gradStream = Mat.zeros(precision, n, width);
        gradBranch = Mat.zeros(precision, n, width);
        gradPre = Mat.zeros(precision, n, width);
    }

    /**
     * Embeds x for the first {@code n} rows and caches it for every following {@link #forward} on at most
     * {@code n} rows (until the next call). Not needed for an unconditional field.
     *
     * @param x observations, {@code n × contextDim}
     * @param n rows
     */
    public void setContext(Mat x, int n) {
        ensureCapacity(n);
        Mat e = embedding == null ? x : embedding.embed(x, n);
        Buffer cb = context.buffer();
        Buffer eb = e.buffer();
        for (int r = 0; r < n; r++) {
            int ci = context.index(r, timeWidth);
            int ei = e.index(r, 0);
            for (int j = 0; j < embeddedWidth; j++) {
                cb.set(ci + j, eb.get(ei + j));
            }
        }
        contextRows = n;
        sharedX = identicalRows(x, n);
        embeddingSpent = false;
    }

    /**
     * As {@link #setContext} when all {@code n} rows share one x (an ODE solve for one observation): x is
     * embedded once, from row 0 of {@code x}, and copied to every row.
     *
     * @param x one observation in row 0 ({@code 1 × contextDim} or more rows)
     * @param n rows that will be evaluated
     */
    public void setSharedContext(Mat x, int n) {
        ensureCapacity(n);
        Mat e = embedding == null ? x : embedding.embed(x, 1);
        Buffer cb = context.buffer();
        Buffer eb = e.buffer();
        int ei = e.index(0, 0);
        for (int r = 0; r < n; r++) {
            int ci = context.index(r, timeWidth);
            for (int j = 0; j < embeddedWidth; j++) {
                cb.set(ci + j, eb.get(ei + j));
            }
        }
        contextRows = n;
        sharedX = true;
        // the embedding's forward state belongs to one row: no training backward may use it
        embeddingSpent = embedding != null;
    }

    /**
     * {@code v(t_r, θ_r, x_r)} for the first {@code n} rows, each with its own time (training).
     *
     * @param t times, at least {@code n}
     * @param theta {@code n × d}
     * @param n rows (at most the rows of the last {@link #setContext})
     * @return the output workspace {@code n × d}, valid until the next forward
     */
    public Mat forward(double[] t, Mat theta, int n) {
        prepare(n);
        Buffer cb = context.buffer();
        for (int r = 0; r < n; r++) {
            timeFeatures(t[r]);
            int ci = context.index(r, 0);
            for (int j = 0; j < timeWidth; j++) {
                cb.set(ci + j, timeRow[j]);
            }
        }
        return run(theta, n, false, true);
    }

    /**
     * {@code v(t, θ_r, x_r)} for the first {@code n} rows at one shared time (an ODE solver's evaluation).
     *
     * @param t time
     * @param theta {@code n × d}
     * @param n rows (at most the rows of the last {@link #setContext})
     * @return the output workspace {@code n × d}, valid until the next forward
     */
    public Mat forward(double t, Mat theta, int n) {
        setSharedTime(t, n);
        return run(theta, n, true, true);
    }

    /**
     * As {@link #forward(double, Mat, int)} when no backward pass will follow (an ODE solver's velocity for
     * sampling): the values are the same, but the float32 GELU does not keep what its derivative needs, which saves
     * a write of every hidden layer; a {@link #backward} or {@link #vectorJacobianProduct} before the next full
     * forward is refused.
     *
     * @param t time
     * @param theta {@code n × d}
     * @param n rows (at most the rows of the last {@link #setContext})
     * @return the output workspace {@code n × d}, valid until the next forward
     */
    public Mat forwardValues(double t, Mat theta, int n) {
        setSharedTime(t, n);
        return run(theta, n, true, false);
    }

    private void setSharedTime(double t, int n) {
        prepare(n);
        timeFeatures(t);
        Buffer cb = context.buffer();
        for (int r = 0; r < n; r++) {
            int ci = context.index(r, 0);
            for (int j = 0; j < timeWidth; j++) {
                cb.set(ci + j, timeRow[j]);
            }
        }
    }

    private void prepare(int n) {
        ensureCapacity(n);
        if (embeddedWidth > 0 && n > contextRows) {
            throw new IllegalStateException("setContext was called for " + contextRows + " rows, forward needs "
                    + n);
        }
    }

    /** Whether GELU runs in the float32 Java kernel (float64, the precision of the gradient checks, stays exact). */
    private boolean fastGelu() {
        return act == Activation.GELU && precision == Precision.FLOAT32;
    }

    /**
     * {@code a = act(u)}, leaving for GELU the tanh values in {@code cache} for {@link #differentiate}. GELU in
     * float32 runs in {@link GeluKernel} on heap copies (one bulk copy in, two out: ≈15× faster than the eight
     * ND4J ops); in float64 as native ND4J ops on the same tanh formula as {@link Activation#GELU} (Java's
     * exp-based loop costs ~12 ns an element, about 4× the ops); other activations use the Java kernels.
     */
    private void activate(Mat u, Mat a, Mat cache, int n) {
        if (act != Activation.GELU) {
            act.forward(u.buffer(), a.buffer(), n * width);
            return;
        }
        if (fastGelu()) {
            int len = n * width;
            for (int from = 0; from < len; from += PIECE) {
                int m = Math.min(PIECE, len - from);
                u.buffer().read(u.offset() + from, heapU, m);
                GeluKernel.forward(heapU, heapA, heapT, m);
                a.buffer().write(a.offset() + from, heapA, m);
                if (backwardReady) {
                    cache.buffer().write(cache.offset() + from, heapT, m);
                }
            }
            return;
        }
        INDArray uv = u.ndView(n);
        INDArray t = cache.ndView(n);
        // t = tanh(C·(u + A·u³)), a = ½·u·(1 + t)
        uv.mul(uv, t).muli(Activation.GELU_A * Activation.GELU_C).addi(Activation.GELU_C).muli(uv);
        Transforms.tanh(t, false);
        t.add(1.0, a.ndView(n)).muli(uv).muli(0.5);
    }

    /**
     * {@code da = act'(u)} into {@code da}; for GELU {@code da} holds the forward's tanh values t and becomes
     * {@code ½(1 + t) + ½·u·(1 − t²)·C·(1 + 3A·u²)} (the two gradient workspaces, free at that point, are
     * scratch).
     */
    private void differentiate(Mat u, Mat a, Mat da, int n) {
        if (act != Activation.GELU) {
            act.derivative(u.buffer(), a.buffer(), da.buffer(), n * width);
            return;
        }
        if (fastGelu()) {
            int len = n * width;
            for (int from = 0; from < len; from += PIECE) {
                int m = Math.min(PIECE, len - from);
                u.buffer().read(u.offset() + from, heapU, m);
                da.buffer().read(da.offset() + from, heapT, m);
                GeluKernel.derivative(heapU, heapT, m);
                da.buffer().write(da.offset() + from, heapT, m);
            }
            return;
        }
        INDArray uv = u.ndView(n);
        INDArray t = da.ndView(n);
        INDArray s = gradBranch.ndView(n);
        INDArray oneMinusT2 = gradPre.ndView(n);
        uv.mul(uv, s).muli(3 * Activation.GELU_A * Activation.GELU_C).addi(Activation.GELU_C).muli(uv).muli(0.5);
        t.mul(t, oneMinusT2).rsubi(1.0);
        s.muli(oneMinusT2);
        t.addi(1.0).muli(0.5).addi(s);
    }

    private void sliceGradGate(int n) {
        if (n != gradGateSliceRows) {
            gradGateSlices = columnBlocks(gradGate.ndView(n));
            gradGateSliceRows = n;
        }
    }

    private INDArray[] columnBlocks(INDArray all) {
        INDArray[] out = new INDArray[blocks];
        for (int l = 0; l < blocks; l++) {
            out[l] = all.get(NDArrayIndex.all(), NDArrayIndex.interval(l * width, (l + 1) * width));
        }
        return out;
    }

    private void computeGate(int rows) {
        gateValues = gate.forward(context, null, rows);
        Transforms.sigmoid(gateValues.ndView(rows), false);
        sliceGate(rows);
    }

    /** Column blocks {@code [l·W, (l+1)·W)} of the gate values as strided views, rebuilt when n changes. */
    private void sliceGate(int n) {
        if (n == gateSliceRows) {
            return;
        }
        gateSlices = columnBlocks(gateValues.ndView(n));
        gateSliceRows = n;
    }

    private void timeFeatures(double t) {
        timeRow[0] = t;
        for (int k = 0; k < frequencies.length; k++) {
            double w = frequencies[k] * t;
            timeRow[1 + 2 * k] = Math.sin(w);
            timeRow[2 + 2 * k] = Math.cos(w);
        }
    }

    private static boolean identicalRows(Mat x, int n) {
        for (int r = 1; r < n; r++) {
            for (int j = 0; j < x.cols(); j++) {
                if (x.get(r, j) != x.get(0, j)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The forward pass; without {@code forBackward} the float32 GELU keeps no derivative cache. */
    private Mat run(Mat theta, int n, boolean sharedTime, boolean forBackward) {
        derivativesCurrent = false;
        backwardReady = forBackward || !fastGelu();
        // one time and one x for every row (an ODE solve for one observation): the gates are one row
        gateShared = sharedTime && (embeddedWidth == 0 || sharedX);
        if (gate != null) {
            computeGate(gateShared ? 1 : n);
        }
        Mat h = input.forward(theta, context, n);
        stream[0] = h;
        for (int l = 0; l < blocks; l++) {
            Mat u1 = norm1[l] == null ? h : norm1[l].forward(h, n);
            pre1[l] = u1;
            activate(u1, act1[l], deriv1[l], n);
            Mat z2 = first[l].forward(act1[l], null, n);
            Mat u2 = norm2[l] == null ? z2 : norm2[l].forward(z2, n);
            pre2[l] = u2;
            activate(u2, act2[l], deriv2[l], n);
            Mat z3 = second[l].forward(act2[l], null, n);
            gatedResidual(z3, h, stream[l + 1], l, n);
            h = stream[l + 1];
        }
        return output.forward(h, null, n);
    }

    /**
     * Training backward pass for the last forward: adds every parameter gradient of {@code L} (including the
     * x-embedding's, through the cached context of the last {@link #setContext}). With an x-embedding network
     * it may run once per {@link #setContext} (that network's backward overwrites its forward state).
     *
     * @param gradOut dL/dv, {@code n × d}
     * @param n rows
     * @param needThetaGrad whether to compute dL/dθ into {@link #thetaGrad()}
     */
    public void backward(Mat gradOut, int n, boolean needThetaGrad) {
        backward(gradOut, n, needThetaGrad, true);
    }

    /**
     * {@code uᵀ·∂v/∂θ} per row for the last forward, without touching parameter gradients.
     *
     * @param u {@code n × d}
     * @param n rows
     * @return {@code n × d} (the {@link #thetaGrad()} workspace)
     */
    @Override
    public Mat vectorJacobianProduct(Mat u, int n) {
        backward(u, n, true, false);
        return input.inputGrad();
    }

    /** dL/dθ of the last backward pass. */
    public Mat thetaGrad() {
        return input.inputGrad();
    }

    private void backward(Mat gradOut, int n, boolean needThetaGrad, boolean params) {
        if (!backwardReady) {
            throw new IllegalStateException("a backward pass needs a full forward: the last one was forwardValues");
        }
        if (params && gateShared && gate != null) {
            // the gate's parameter gradients need every row's gate (a training pass at one shared time)
            computeGate(n);
            gateShared = false;
        }
        if (!derivativesCurrent && act != Activation.IDENTITY) {
            // once per forward: the d backward passes of an exact divergence then multiply only
            for (int l = 0; l < blocks; l++) {
                differentiate(pre1[l], act1[l], deriv1[l], n);
                differentiate(pre2[l], act2[l], deriv2[l], n);
            }
            derivativesCurrent = true;
        }
        output.backward(gradOut, n, true, false, params);
        gradStream.buffer().copyFrom(output.inputGrad().buffer(), output.inputGrad().offset(), gradStream.offset(),
                n * width);
        if (params && gate != null) {
            sliceGradGate(n);
        }
        for (int l = blocks - 1; l >= 0; l--) {
            gateBackward(l, n, params);
            second[l].backward(gradBranch, n, true, false, params);
            Mat g2 = throughActivationAndNorm(second[l].inputGrad(), deriv2[l], norm2[l], n, params);
            first[l].backward(g2, n, true, false, params);
            Mat g1 = throughActivationAndNorm(first[l].inputGrad(), deriv1[l], norm1[l], n, params);
            combine(gradStream, g1, gradStream, n, false);
        }
        boolean needContext = params && embedding != null;
        input.backward(gradStream, n, needThetaGrad, needContext, params);
        if (params && gate != null) {
            gate.backward(gradGate, n, needContext, false, true);
        }
        if (needContext) {
            Buffer eb = gradEmbedding.buffer();
            Buffer ib = input.contextGrad().buffer();
            Buffer gb = gate == null ? null : gate.inputGrad().buffer();
            for (int r = 0; r < n; r++) {
                int ci = r * contextWidth + timeWidth;
                int ei = r * embeddedWidth;
                for (int j = 0; j < embeddedWidth; j++) {
                    eb.set(ei + j, ib.get(ci + j) + (gb == null ? 0.0 : gb.get(ci + j)));
                }
            }
            if (embeddingSpent) {
                throw new IllegalStateException("the x-embedding's backward pass consumes its forward state: call "
                        + "setContext again before another training backward");
            }
            embedding.embedBackward(gradEmbedding, n);
            embeddingSpent = true;
        }
    }

    /**
     * {@code next = h + z3 ⊙ s_l} (the gated residual update of block {@code l}). Float32 runs row by row on heap
     * copies (bulk reads and writes; the ND4J ops on the strided gate columns cost several times more), with the
     * float products and sums the two ND4J ops it replaces compute; float64 keeps the ND4J ops.
     */
    private void gatedResidual(Mat z3, Mat h, Mat next, int l, int n) {
        if (precision != Precision.FLOAT32) {
            INDArray out = next.ndView(n);
            if (gateShared) {
                out.assign(z3.ndView(n)).muliRowVector(gateSlices[l]);
            } else {
                z3.ndView(n).mul(gateSlices[l], out);
            }
            out.addi(h.ndView(n));
            return;
        }
        Buffer zb = z3.buffer();
        Buffer hb = h.buffer();
        Buffer ob = next.buffer();
        for (int r = 0; r < n; r++) {
            zb.read(z3.index(r, 0), rowZ, width);
            hb.read(h.index(r, 0), rowH, width);
            readGate(l, r);
            for (int j = 0; j < width; j++) {
                float product = rowZ[j] * rowG[j];
                rowOut[j] = product + rowH[j];
            }
            ob.write(next.index(r, 0), rowOut, width);
        }
    }

    /** Block {@code l}'s gate values of row {@code r} (row 0 when the gate row is shared) into {@code rowG}. */
    private void readGate(int l, int r) {
        gateValues.buffer().read(gateValues.index(gateShared ? 0 : r, l * width), rowG, width);
    }

    /**
     * Back through the gate of block {@code l}: the branch output is {@code o = z3 ⊙ s}, so
     * {@code dL/dz3 = g ⊙ s} into {@code gradBranch} and, with {@code params}, the gate pre-activation's gradient
     * {@code s(1 − s) ⊙ g ⊙ z3} into block {@code l} of {@code gradGate} ({@code g = dL/dh}, in
     * {@code gradStream}). Float32 on heap rows as {@link #gatedResidual}, float64 as ND4J ops (with
     * {@code gradPre} as scratch).
     */
    private void gateBackward(int l, int n, boolean params) {
        if (precision != Precision.FLOAT32) {
            INDArray gradH = gradStream.ndView(n);
            if (gateShared) {
                gradBranch.ndView(n).assign(gradH).muliRowVector(gateSlices[l]);
            } else {
                gradH.mul(gateSlices[l], gradBranch.ndView(n));
            }
            if (params) {
                INDArray scratch = gradPre.ndView(n);
                gateSlices[l].rsub(1.0, scratch).muli(gateSlices[l]).muli(gradH).muli(second[l].output().ndView(n));
                gradGateSlices[l].assign(scratch);
            }
            return;
        }
        Buffer hb = gradStream.buffer();
        Buffer bb = gradBranch.buffer();
        Mat z3 = second[l].output();
        Buffer zb = z3.buffer();
        Buffer ggb = gradGate.buffer();
        for (int r = 0; r < n; r++) {
            hb.read(gradStream.index(r, 0), rowH, width);
            readGate(l, r);
            for (int j = 0; j < width; j++) {
                rowOut[j] = rowH[j] * rowG[j];
            }
            bb.write(gradBranch.index(r, 0), rowOut, width);
            if (params) {
                zb.read(z3.index(r, 0), rowZ, width);
                for (int j = 0; j < width; j++) {
                    float s = rowG[j];
                    float v = (1f - s) * s;
                    v = v * rowH[j];
                    rowOut[j] = v * rowZ[j];
                }
                ggb.write(gradGate.index(r, l * width), rowOut, width);
            }
        }
    }

    /**
     * {@code out = a ⊙ b} ({@code multiply}) or {@code out = a + b} on the first {@code n} rows of three
     * contiguous {@code n × width} matrices ({@code out} may be {@code a}). Float32 in pieces on the heap (one
     * vectorised loop, the float products and sums of the ND4J op it replaces, without its per-call cost, which
     * dominates at training's batch sizes); float64 as the ND4J op.
     */
    private void combine(Mat a, Mat b, Mat out, int n, boolean multiply) {
        if (precision != Precision.FLOAT32) {
            if (multiply) {
                a.ndView(n).mul(b.ndView(n), out.ndView(n));
            } else {
                a.ndView(n).add(b.ndView(n), out.ndView(n));
            }
            return;
        }
        int len = n * width;
        for (int from = 0; from < len; from += PIECE) {
            int m = Math.min(PIECE, len - from);
            a.buffer().read(a.offset() + from, heapU, m);
            b.buffer().read(b.offset() + from, heapA, m);
            if (multiply) {
                multiply(heapU, heapA, m);
            } else {
                add(heapU, heapA, m);
            }
            out.buffer().write(out.offset() + from, heapU, m);
        }
    }

    /** {@code a[i] = a[i] · b[i]} for {@code i < len} (float products; a loop HotSpot vectorises). */
    private static void multiply(float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            a[i] = a[i] * b[i];
        }
    }

    /** {@code a[i] = a[i] + b[i]} for {@code i < len} (float sums; a loop HotSpot vectorises). */
    private static void add(float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            a[i] = a[i] + b[i];
        }
    }

    /** dL/d(input of the norm) from dL/d(activation) and the cached act' ({@code u = N(y)} or {@code u = y}). */
    private Mat throughActivationAndNorm(Mat gradAct, Mat derivative, LayerNorm norm, int n, boolean params) {
        Mat gu;
        if (act == Activation.IDENTITY) {
            gu = gradAct;
        } else {
            combine(gradAct, derivative, gradPre, n, true);
            gu = gradPre;
        }
        if (norm == null) {
            return gu;
        }
        norm.backward(gu, n, params);
        return norm.inputGrad();
    }
}
