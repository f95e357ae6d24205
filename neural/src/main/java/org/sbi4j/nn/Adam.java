package org.sbi4j.nn;

/**
 * Adam (Kingma &amp; Ba 2015) on a model's flat parameter buffer, with optional clipping of the global
 * gradient norm (as PyTorch's {@code clip_grad_norm_}: scale by {@code maxNorm / (norm + 10⁻⁶)} when the norm
 * exceeds {@code maxNorm}). One call updates every parameter; moments are kept in float32 heap arrays (as
 * PyTorch does for float32 parameters; half the memory traffic of doubles).
 */
public final class Adam {

    private final ParameterSet params;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double clipNorm;
    private final float[] m;
    private final float[] v;
    private long steps;
    private double lastGradientNorm;

    /**
     * Adam with the usual constants (β₁ 0.9, β₂ 0.999, ε 10⁻⁸).
     *
     * @param params what to update
     * @param clipNorm maximal gradient norm; {@code <= 0} or infinite disables clipping
     */
    public Adam(ParameterSet params, double clipNorm) {
        this(params, 0.9, 0.999, 1e-8, clipNorm);
    }

    /**
     * Adam with explicit constants.
     *
     * @param params what to update
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param epsilon denominator guard
     * @param clipNorm maximal gradient norm; {@code <= 0} or infinite disables clipping
     */
    public Adam(ParameterSet params, double beta1, double beta2, double epsilon, double clipNorm) {
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.clipNorm = clipNorm;
        this.m = new float[params.size()];
        this.v = new float[params.size()];
    }

    /**
     * One update from the gradients currently accumulated in the parameter set.
     *
     * @param learningRate step size
     */
    public void step(double learningRate) {
        step(learningRate, ParallelRanges.SERIAL);
    }

    /**
     * As {@link #step(double)}, the element-wise update cut into pieces run by {@code ranges} (the same result for
     * any cut: each parameter's update reads only its own gradient and moments; the gradient norm is summed on the
     * calling thread in index order first).
     *
     * @param learningRate step size
     * @param ranges runs the pieces
     */
    void step(double learningRate, ParallelRanges ranges) {
        Buffer g = params.gradients();
        Buffer x = params.values();
        double norm = params.gradientNorm();
        lastGradientNorm = norm;
        double scale = 1.0;
        if (clipNorm > 0 && Double.isFinite(clipNorm) && norm > clipNorm) {
            scale = clipNorm / (norm + 1e-6);
        }
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        double clipScale = scale;
        double stepSize = learningRate / c1;
        double invSqrtC2 = 1.0 / Math.sqrt(c2);
        ranges.forRanges(params.size(), (from, to) -> update(g, x, m, v, from, to, clipScale, beta1, beta2, stepSize,
                invSqrtC2, epsilon));
    }

    /** The element loop, static with every constant a local so the JIT keeps them in registers. */
    private static void update(Buffer g, Buffer x, float[] m, float[] v, int from, int to, double scale,
                               double beta1, double beta2, double stepSize, double invSqrtC2, double epsilon) {
        double a1 = 1 - beta1;
        double a2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            double gi = g.get(i) * scale;
            double mi = beta1 * m[i] + a1 * gi;
            double vi = beta2 * v[i] + a2 * gi * gi;
            m[i] = (float) mi;
            v[i] = (float) vi;
            // θ −= lr · m̂ / (√v̂ + ε) with m̂ = m/c1, v̂ = v/c2
            x.set(i, x.get(i) - stepSize * mi / (Math.sqrt(vi) * invSqrtC2 + epsilon));
        }
    }

    /** Norm of the gradient at the last step, before clipping. */
    public double lastGradientNorm() {
        return lastGradientNorm;
    }

    /** Number of steps taken. */
    public long steps() {
        return steps;
    }

    /** Clears the moments and the step count. */
    public void reset() {
        java.util.Arrays.fill(m, 0);
        java.util.Arrays.fill(v, 0);
        steps = 0;
    }
}
