package org.sbi4j.nn;

/**
 * A monotone scalar bijection {@code y = g(x; p)} whose parameters {@code p} are a slice of a conditioner's
 * output, with its hand-derived backward pass: the element-wise part of an {@link AutoregressiveTransform} or
 * a {@link SplineCouplingTransform}.
 * Instances hold the log-derivative of the last call (and possibly a per-element cache) and are not
 * thread-safe.
 */
interface ElementwiseBijection {

    /** Number of raw parameters per element. */
    int parameterCount();

    /**
     * Grows a per-element cache that the forward pass may fill for the backward pass.
     *
     * @param slots number of elements
     */
    void ensureSlots(int slots);

    /**
     * y = g(x).
     *
     * @param p raw parameters
     * @param po offset of this element's parameters
     * @param x input
     * @param slot cache slot (below {@link #ensureSlots}), or −1 for none
     * @return y; {@link #logDet()} then holds log g'(x)
     */
    double forward(Buffer p, int po, double x, int slot);

    /**
     * Backward pass of {@code (y, log g'(x)) = g(x; p)}.
     *
     * @param p raw parameters
     * @param po offset of this element's parameters
     * @param x the forward input
     * @param gy dL/dy
     * @param gl dL/d(log g'(x))
     * @param gp where dL/dp is written (all {@link #parameterCount()} entries)
     * @param gpo offset in {@code gp}
     * @param slot cache slot filled by the forward pass of the same element, or −1
     * @return dL/dx
     */
    double backward(Buffer p, int po, double x, double gy, double gl, Buffer gp, int gpo, int slot);

    /**
     * x = g⁻¹(y).
     *
     * @param p raw parameters
     * @param po offset of this element's parameters
     * @param y input
     * @return x; {@link #logDet()} then holds log g'(x) (the inverse has the negative)
     */
    double inverse(Buffer p, int po, double y);

    /** log g'(x) of the last {@link #forward} or {@link #inverse} call. */
    double logDet();
}
