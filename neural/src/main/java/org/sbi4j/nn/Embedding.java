package org.sbi4j.nn;

/**
 * A trainable x-embedding {@code e(x)}: maps the first {@code n} rows of {@code x} ({@code n × inputDim}) to
 * {@code n × outputDim} features that condition a density or vector-field model. Implementations keep what
 * their backward pass needs from the last {@link #embed} and accumulate parameter gradients in
 * {@link #embedBackward}; workspaces grow with {@link #ensureCapacity} and are reused. The two kinds are the
 * {@link Mlp} (flat data) and the {@link ConvEmbedding} (images).
 */
public interface Embedding {

    /** Width of x. */
    int inputDim();

    /** Width of the embedded x. */
    int outputDim();

    /**
     * Grows the workspaces to {@code n} rows.
     *
     * @param n rows
     */
    void ensureCapacity(int n);

    /**
     * Forward pass.
     *
     * @param x input rows, {@code n × inputDim}
     * @param n active rows
     * @return the output workspace, {@code n × outputDim} (valid until the next call)
     */
    Mat embed(Mat x, int n);

    /**
     * Backward pass for the last {@link #embed}: accumulates the parameter gradients (no input gradient).
     *
     * @param gradOut dL/d(output), {@code n × outputDim}
     * @param n active rows
     */
    void embedBackward(Mat gradOut, int n);

    /**
     * Backward pass for the last {@link #embed} that also computes dL/dx (for gradients in the context, e.g. of
     * a likelihood model in θ); accumulates the parameter gradients like {@link #embedBackward}.
     *
     * @param gradOut dL/d(output), {@code n × outputDim}
     * @param n active rows
     * @return dL/dx, {@code n × inputDim} (a workspace, valid until the next call)
     */
    Mat embedBackwardToInput(Mat gradOut, int n);

    /**
     * dL/dx for the last {@link #embed} without touching the parameter gradients: the same numbers as
     * {@link #embedBackwardToInput} with none of the weight-gradient products (what a sampler differentiating in
     * the context needs).
     *
     * @param gradOut dL/d(output), {@code n × outputDim}
     * @param n active rows
     * @return dL/dx, {@code n × inputDim} (a workspace, valid until the next call)
     */
    Mat embedInputGradient(Mat gradOut, int n);

    /**
     * Builds the x-embedding a spec asks for.
     *
     * @param params where parameters are registered
     * @param name unique prefix of the parameter names
     * @param contextDim width of x
     * @param width embedding width; 0 for none
     * @param hidden hidden widths of an MLP embedding
     * @param activation hidden nonlinearity of an MLP embedding
     * @param conv the convolutional geometry, or {@code null} for an MLP
     * @return the embedding, or {@code null} when {@code width} is 0
     */
    static Embedding create(ParameterSet.Builder params, String name, int contextDim, int width, int[] hidden,
                            Activation activation, ConvEmbeddingSpec conv) {
        if (width <= 0) {
            return null;
        }
        if (conv != null) {
            conv.validate(contextDim);
            return new ConvEmbedding(params, name, conv, width);
        }
        return new Mlp(params, name, contextDim, 0, hidden, width, activation, Activation.IDENTITY, 1.0);
    }
}
