package org.sbi4j.nn;

/**
 * A convolutional x-embedding for images: convolutions (each im2col followed by one gemm over the whole batch,
 * with bias and nonlinearity: a {@link Dense} layer applied to the image patches), downsampling by their stride,
 * then the last feature map flattened and projected by a dense layer to the embedding width. See
 * {@link ConvEmbeddingSpec} for the geometry.
 *
 * <p>Layout: x rows are images in {@code channels × height × width} order; inside, a batch of feature maps is
 * stored channels-last ({@code (row · height + i) · width + j} is a pixel, its channels contiguous), which is
 * exactly the output of the per-layer gemm, so no transposition is needed and the flatten is a view. Workspaces
 * grow with the batch and are reused; the hot path allocates nothing.
 *
 * <p>Repeated rows: when every row of a call is the same image (a posterior sampled for one observation, where
 * the context is tiled over the draws), the convolutions run once and the result is copied to every row; the
 * backward pass of such a call sums the rows' gradients first, which is the exact gradient of the tiled output.
 */
public final class ConvEmbedding implements Embedding {

    private final ConvEmbeddingSpec spec;
    private final Precision precision;
    private final int layers;
    private final int[] inH;
    private final int[] inW;
    private final int[] inC;
    private final int[] outH;
    private final int[] outW;
    private final Dense[] conv;
    private final Dense projection;
    private final int flat;

    private int capacity;
    private int rowCapacity;
    private Mat[] cols;
    private Mat[] gradMaps;
    private Mat flatView;
    private Mat lastGradView;
    private Mat inputGrad;
    private Mat tiled;
    private Mat gradSum;
    private Mat lastX;
    private int lastRows;
    private boolean lastTiled;

    /**
     * Registers the embedding's parameters: per layer {@code name/conv<l>/w} (patch × channels) and
     * {@code name/conv<l>/b}, then {@code name/out/w}, {@code name/out/b}.
     *
     * @param params where parameters are registered
     * @param name unique prefix of the parameter names
     * @param spec geometry (validated against {@code spec.inputLength()})
     * @param outputDim embedding width, at least 1
     */
    public ConvEmbedding(ParameterSet.Builder params, String name, ConvEmbeddingSpec spec, int outputDim) {
        spec.validate(spec.inputLength());
        if (outputDim < 1) {
            throw new IllegalArgumentException("conv embedding width " + outputDim + " must be >= 1");
        }
        this.spec = spec;
        this.precision = params.precision();
        this.layers = spec.channels.length;
        inH = new int[layers];
        inW = new int[layers];
        inC = new int[layers];
        outH = new int[layers];
        outW = new int[layers];
        conv = new Dense[layers];
        int h = spec.height;
        int w = spec.width;
        int c = spec.inChannels;
        int k = spec.kernel;
        for (int l = 0; l < layers; l++) {
            inH[l] = h;
            inW[l] = w;
            inC[l] = c;
            outH[l] = spec.outputSize(h, 1);
            outW[l] = spec.outputSize(w, 1);
            conv[l] = new Dense(params, name + "/conv" + l, k * k * c, 0, spec.channels[l], spec.activation, null, 1.0);
            h = outH[l];
            w = outW[l];
            c = spec.channels[l];
        }
        this.flat = spec.flattenedLength();
        this.projection = new Dense(params, name + "/out", flat, 0, outputDim, Activation.IDENTITY, null, 1.0);
        this.cols = new Mat[layers];
        this.gradMaps = new Mat[layers];
    }

    /** The geometry. */
    public ConvEmbeddingSpec spec() {
        return spec;
    }

    @Override
    public int inputDim() {
        return spec.inputLength();
    }

    @Override
    public int outputDim() {
        return projection.outputDim();
    }

    @Override
    public void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        tiled = Mat.zeros(precision, n, outputDim());
    }

    /** Grows the per-layer workspaces to {@code m} distinct images. */
    private void ensureRows(int m) {
        if (m <= rowCapacity) {
            return;
        }
        rowCapacity = m;
        int k2 = spec.kernel * spec.kernel;
        for (int l = 0; l < layers; l++) {
            int pixels = m * outH[l] * outW[l];
            cols[l] = Mat.zeros(precision, pixels, k2 * inC[l]);
            conv[l].ensureCapacity(pixels);
            gradMaps[l] = l < layers - 1 ? Mat.zeros(precision, pixels, spec.channels[l]) : null;
        }
        projection.ensureCapacity(m);
        Mat last = conv[layers - 1].output();
        flatView = new Mat(last.buffer(), last.offset(), m, flat);
        Mat pg = projection.inputGrad();
        lastGradView = new Mat(pg.buffer(), pg.offset(), m * outH[layers - 1] * outW[layers - 1],
                spec.channels[layers - 1]);
        inputGrad = null;
    }

    @Override
    public Mat embed(Mat x, int n) {
        ensureCapacity(n);
        int m = allRowsEqual(x, n) ? 1 : n;
        ensureRows(m);
        lastX = x;
        lastRows = n;
        lastTiled = m < n;
        Mat maps = x;
        for (int l = 0; l < layers; l++) {
            im2col(l, maps, m);
            maps = conv[l].forward(cols[l], null, m * outH[l] * outW[l]);
        }
        Mat out = projection.forward(flatView, null, m);
        if (!lastTiled) {
            return out;
        }
        Buffer ob = out.buffer();
        Buffer tb = tiled.buffer();
        int d = outputDim();
        for (int r = 0; r < n; r++) {
            tb.copyFrom(ob, out.offset(), tiled.offset() + r * d, d);
        }
        return tiled;
    }

    private boolean allRowsEqual(Mat x, int n) {
        if (n < 2) {
            return false;
        }
        Buffer b = x.buffer();
        int o = x.offset();
        int len = x.cols();
        for (int r = 1; r < n; r++) {
            int ro = o + r * len;
            for (int j = 0; j < len; j++) {
                if (b.get(ro + j) != b.get(o + j)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void embedBackward(Mat gradOut, int n) {
        backward(gradOut, n, false);
    }

    @Override
    public Mat embedBackwardToInput(Mat gradOut, int n) {
        backward(gradOut, n, true);
        return inputGrad();
    }

    @Override
    public Mat embedInputGradient(Mat gradOut, int n) {
        backward(gradOut, n, true, false);
        return inputGrad();
    }

    /**
     * Backward pass for the last {@link #embed}: accumulates the parameter gradients and, when asked, dL/dx
     * into {@link #inputGrad()}.
     *
     * @param gradOut dL/d(output), {@code n × outputDim}
     * @param n active rows (those of the last {@link #embed})
     * @param needInputGrad whether dL/dx is wanted
     */
    public void backward(Mat gradOut, int n, boolean needInputGrad) {
        backward(gradOut, n, needInputGrad, true);
    }

    private void backward(Mat gradOut, int n, boolean needInputGrad, boolean accumulateParams) {
        if (n != lastRows) {
            throw new IllegalStateException("backward on " + n + " rows after a forward on " + lastRows);
        }
        int m = n;
        Mat g = gradOut;
        if (lastTiled) {
            m = 1;
            int d = outputDim();
            if (gradSum == null) {
                gradSum = Mat.zeros(precision, 1, d);
            }
            Buffer gb = gradOut.buffer();
            Buffer sb = gradSum.buffer();
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += gb.get(gradOut.offset() + r * gradOut.cols() + j);
                }
                sb.set(j, s);
            }
            g = gradSum;
        }
        projection.backward(g, m, true, false, accumulateParams);
        g = lastGradView;
        for (int l = layers - 1; l >= 0; l--) {
            boolean wantInput = l > 0 || needInputGrad;
            conv[l].backward(g, m * outH[l] * outW[l], wantInput, false, accumulateParams);
            if (!wantInput) {
                break;
            }
            Mat target = l > 0 ? gradMaps[l - 1] : inputGradWorkspace();
            col2im(l, conv[l].inputGrad(), target, m);
            g = target;
        }
        if (needInputGrad && lastTiled) {
            throw new IllegalStateException("no input gradient for a tiled (repeated-row) call");
        }
    }

    /** dL/dx of the last {@link #backward} with {@code needInputGrad} (images in x's layout). */
    public Mat inputGrad() {
        return inputGrad;
    }

    private Mat inputGradWorkspace() {
        if (inputGrad == null) {
            inputGrad = Mat.zeros(precision, rowCapacity, spec.inputLength());
        }
        return inputGrad;
    }

    // strides of layer l's input: x is channels-first, the feature maps channels-last
    private int channelStride(int l) {
        return l == 0 ? inH[0] * inW[0] : 1;
    }

    private int rowStride(int l) {
        return l == 0 ? inW[0] : inW[l] * inC[l];
    }

    private int pixelStride(int l) {
        return l == 0 ? 1 : inC[l];
    }

    /** Patches of layer l's input: row (image, oi, oj), column (ki, kj, channel); zero outside the image. */
    private void im2col(int l, Mat in, int m) {
        patches(l, in, cols[l], m, true);
    }

    /** Scatter-adds patch gradients back onto layer l's input (the adjoint of {@link #im2col}). */
    private void col2im(int l, Mat patchGrads, Mat target, int m) {
        target.buffer().fill(target.offset(), target.offset() + m * inH[l] * inW[l] * inC[l], 0.0);
        patches(l, target, patchGrads, m, false);
    }

    /**
     * Walks every patch element of layer l once: {@code gather} copies image values into the patch matrix
     * (padding as zeros), else patch values are added onto the image (padding dropped).
     */
    private void patches(int l, Mat images, Mat patchRows, int m, boolean gather) {
        int h = inH[l];
        int w = inW[l];
        int c = inC[l];
        int k = spec.kernel;
        int s = spec.stride;
        int p = spec.padding();
        int cs = channelStride(l);
        int rs = rowStride(l);
        int ps = pixelStride(l);
        int imageSize = h * w * c;
        int patch = k * k * c;
        Buffer img = images.buffer();
        Buffer pat = patchRows.buffer();
        int row = patchRows.offset();
        for (int b = 0; b < m; b++) {
            int base = images.offset() + b * imageSize;
            for (int oi = 0; oi < outH[l]; oi++) {
                for (int oj = 0; oj < outW[l]; oj++, row += patch) {
                    int idx = row;
                    for (int ki = 0; ki < k; ki++) {
                        int ii = oi * s - p + ki;
                        boolean rowInside = ii >= 0 && ii < h;
                        for (int kj = 0; kj < k; kj++, idx += c) {
                            int jj = oj * s - p + kj;
                            if (!(rowInside && jj >= 0 && jj < w)) {
                                if (gather) {
                                    pat.fill(idx, idx + c, 0.0);
                                }
                                continue;
                            }
                            int at = base + ii * rs + jj * ps;
                            for (int ch = 0; ch < c; ch++) {
                                if (gather) {
                                    pat.set(idx + ch, img.get(at + ch * cs));
                                } else {
                                    img.add(at + ch * cs, pat.get(idx + ch));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
