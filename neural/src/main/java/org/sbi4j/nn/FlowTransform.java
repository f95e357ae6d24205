package org.sbi4j.nn;

/**
 * One invertible layer of a conditional normalizing flow. {@link #forward} runs in the density direction
 * (data → noise) and is what maximum-likelihood training differentiates; {@link #inverse} runs in the
 * sampling direction (noise → data). Outputs live in the transform's own workspaces and stay valid until its
 * next call in the same direction; {@link #backward} refers to the last {@link #forward}.
 */
public interface FlowTransform {

    /** Number of features transformed (input and output width). */
    int dimension();

    /** Grows workspaces to hold {@code n} rows. */
    void ensureCapacity(int n);

    /**
     * Density direction.
     *
     * @param in inputs {@code n × d}
     * @param context conditioning rows {@code n × c}, or {@code null} for an unconditional flow
     * @param n active rows
     * @param logDet per row, {@code log|det ∂out/∂in|} is ADDED
     * @return outputs {@code n × d}
     */
    Mat forward(Mat in, Mat context, int n, double[] logDet);

    /**
     * Backward pass of the last {@link #forward}: accumulates parameter gradients.
     *
     * @param gradOut dL/d(out)
     * @param gradLogDet dL/d(logDet) per row
     * @param gradContext where dL/d(context) is ADDED ({@code null} when not wanted)
     * @param n active rows
     * @return dL/d(in), {@code n × d}
     */
    Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n);

    /**
     * The input and context gradients of the last {@link #forward}, without touching the parameter gradients: the
     * same numbers as {@link #backward} with none of the weight-gradient products (what a sampler differentiating
     * log q in θ or in the context needs).
     *
     * @param gradOut dL/d(out)
     * @param gradLogDet dL/d(logDet) per row
     * @param gradContext where dL/d(context) is ADDED ({@code null} when not wanted)
     * @param n active rows
     * @return dL/d(in), {@code n × d}
     */
    Mat backwardInputs(Mat gradOut, double[] gradLogDet, Mat gradContext, int n);

    /**
     * Sampling direction.
     *
     * @param in inputs {@code n × d} (noise side)
     * @param context conditioning rows or {@code null}
     * @param n active rows
     * @param logDet per row, {@code log|det ∂out/∂in|} of the inverse is ADDED, or {@code null}
     * @return outputs {@code n × d} (data side)
     */
    Mat inverse(Mat in, Mat context, int n, double[] logDet);
}
