package org.sbi4j.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters of a {@link VectorFieldNetwork}, the flow-matching vector field {@code v(t, θ, x)}.
 * Public mutable fields with defaults; {@link #validate()} checks them; {@link #encode()} / {@link #decode} turn
 * them into one line for a model file.
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
    /**
     * A convolutional x-embedding ({@link ConvEmbedding}) of width {@link #embeddingDim} in place of the MLP, or
     * {@code null} for the MLP; x must be an image of the spec's shape.
     */
    public ConvEmbeddingSpec convEmbedding = null;
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
        if (convEmbedding != null) {
            if (embeddingDim < 1) {
                throw new IllegalArgumentException("a conv embedding needs embeddingDim >= 1");
            }
            convEmbedding.validate(contextDim);
        }
        return this;
    }

    /** The fields as ordered key/value pairs. */
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("theta-dim", Integer.toString(thetaDim));
        m.put("context-dim", Integer.toString(contextDim));
        m.put("embedding-dim", Integer.toString(embeddingDim));
        m.put("embedding-hidden", SpecText.widths(embeddingHidden));
        if (convEmbedding != null) {
            // only when set, so that the text of every MLP model is unchanged
            m.put("conv-embedding", convEmbedding.encode());
        }
        m.put("hidden-features", Integer.toString(hiddenFeatures));
        m.put("blocks", Integer.toString(blocks));
        m.put("layer-norm", Boolean.toString(layerNorm));
        m.put("activation", activation.name());
        m.put("time-frequencies", Integer.toString(timeFrequencies));
        m.put("time-scale", Double.toString(timeScale));
        m.put("block-output-scale", Double.toString(blockOutputScale));
        return m;
    }

    /** One line {@code key=value;key=value…}. */
    public String encode() {
        return SpecText.encode(toProperties());
    }

    /**
     * Parses {@link #encode()}'s output; unknown keys are an error, missing keys keep their defaults.
     *
     * @param text encoded spec
     * @return the spec (not validated)
     */
    public static VectorFieldSpec decode(String text) {
        VectorFieldSpec s = new VectorFieldSpec();
        for (Map.Entry<String, String> e : SpecText.decode(text).entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "theta-dim" -> s.thetaDim = Integer.parseInt(v);
                case "context-dim" -> s.contextDim = Integer.parseInt(v);
                case "embedding-dim" -> s.embeddingDim = Integer.parseInt(v);
                case "embedding-hidden" -> s.embeddingHidden = SpecText.widths(v);
                case "conv-embedding" -> s.convEmbedding = ConvEmbeddingSpec.decode(v);
                case "hidden-features" -> s.hiddenFeatures = Integer.parseInt(v);
                case "blocks" -> s.blocks = Integer.parseInt(v);
                case "layer-norm" -> s.layerNorm = Boolean.parseBoolean(v);
                case "activation" -> s.activation = Activation.valueOf(v.toUpperCase(Locale.ROOT));
                case "time-frequencies" -> s.timeFrequencies = Integer.parseInt(v);
                case "time-scale" -> s.timeScale = Double.parseDouble(v);
                case "block-output-scale" -> s.blockOutputScale = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown vector field spec key '" + e.getKey() + "'");
            }
        }
        return s;
    }

    /** A copy. */
    public VectorFieldSpec copy() {
        return decode(encode());
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
