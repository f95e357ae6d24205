package org.sbi4j.nn;

import java.util.Arrays;

/**
 * The hyper-parameters of a {@link VectorFieldNetwork}, the flow-matching vector field {@code v(t, θ, x)}.
 * Public mutable fields with defaults; {@link #validate()} checks them.
 */
public final class VectorFieldSpec {

    /** Dimension d of θ (at least 1). */
    public int thetaDim = 1;
    /** Dimension of x (0 for an unconditional field). */
    public int contextDim = 0;
    /**
     * Width of the x-embedding MLP's output, or 0 to feed x to the context as it is (no embedding network).
     */
    public int embeddingDim = 0;
    /** Hidden widths of the x-embedding MLP (used when {@link #embeddingDim} &gt; 0). */
    public int[] embeddingHidden = {};
    /** Width of the residual stream and of every residual block. */
    public int hiddenFeatures = 64;
    /** Number of residual blocks. */
    public int blocks = 3;
    /** Layer norm before each activation inside a block (nflows puts an optional batch norm there). */
    public boolean layerNorm = false;
    /** Nonlinearity inside the blocks and of the embedding MLP; GELU (tanh form) as in DINGO's FMPE. */
    public Activation activation = Activation.GELU;
    /**
     * Number F of sinusoidal time frequencies: the time features are {@code [t, sin(2π s 2^k t), cos(2π s 2^k t)]}
     * for {@code k = 0..F−1}, {@code 1 + 2F} columns (0 gives the raw t, as DINGO's example).
     */
    public int timeFrequencies = 3;
    /**
     * The frequency scale s of the lowest time frequency (cycles per unit time). The default 0.25 makes the
     * lowest pair a quarter turn over t ∈ [0, 1], so it alone already separates every t.
     */
    public double timeScale = 0.25;
    /**
     * Multiplier of the default ±1/√fan-in bound of each block's last linear layer: small, so every block
     * starts near the identity (nflows initialises that layer near zero).
     */
    public double blockOutputScale = 1e-2;

    /** Width of the time features. */
    public int timeFeatures() {
        return 1 + 2 * timeFrequencies;
    }

    /** Width of the embedded x (the raw x width without an embedding network). */
    public int embeddedContextDim() {
        return embeddingDim > 0 ? embeddingDim : contextDim;
    }

    /** Width of the gating context {@code c = [time features, embedded x]}. */
    public int gateContextDim() {
        return timeFeatures() + embeddedContextDim();
    }

    /** Checks every field. */
    public VectorFieldSpec validate() {
        if (thetaDim < 1 || contextDim < 0 || embeddingDim < 0 || hiddenFeatures < 1 || blocks < 0
                || timeFrequencies < 0 || !(timeScale > 0) || !(blockOutputScale >= 0) || activation == null
                || embeddingHidden == null) {
            throw new IllegalArgumentException("invalid vector field spec " + this);
        }
        if (embeddingDim > 0 && contextDim == 0) {
            throw new IllegalArgumentException("an x-embedding needs contextDim > 0");
        }
        for (int h : embeddingHidden) {
            if (h < 1) {
                throw new IllegalArgumentException("embedding hidden width " + h);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "VectorFieldSpec[thetaDim=" + thetaDim + ", contextDim=" + contextDim + ", embeddingDim="
                + embeddingDim + ", embeddingHidden=" + Arrays.toString(embeddingHidden) + ", hiddenFeatures="
                + hiddenFeatures + ", blocks=" + blocks + ", layerNorm=" + layerNorm + ", activation=" + activation
                + ", timeFrequencies=" + timeFrequencies + ", timeScale=" + timeScale + ", blockOutputScale="
                + blockOutputScale + "]";
    }
}
