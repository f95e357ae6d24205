package org.sbi4j.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters that define a {@link ConditionalDensityModel}'s architecture: everything needed to
 * rebuild it before loading its flat parameter buffer. Public mutable fields with defaults (sbi's defaults
 * where sbi has one); {@link #validate()} checks them; {@link #encode()} / {@link #decode} turn them into one
 * string for a model file.
 */
public final class DensityModelSpec {

    /** The model family. */
    public enum Type {
        /** Masked autoregressive flow: affine MADE transforms with permutations in between. */
        MAF,
        /** Neural spline flow, coupling variant (sbi's default NSF): alternating masks, LU-linear mixing. */
        NSF,
        /** Neural spline flow, autoregressive variant: spline MADE transforms with permutations. */
        AUTOREGRESSIVE_NSF,
        /** Mixture density network. */
        MDN
    }

    /** The permutation placed between autoregressive transforms. */
    public enum Permutation {
        /** Reverse the feature order. */
        REVERSE,
        /** A random permutation drawn from {@link #structureSeed}. */
        RANDOM
    }

    /** The base distribution of a flow. */
    public enum Base {
        /** N(0, I). */
        STANDARD_NORMAL,
        /** Trainable Gaussian mixture with {@link #baseComponents} components. */
        GAUSSIAN_MIXTURE
    }

    /** Model family. */
    public Type type = Type.NSF;
    /** Dimension of θ (at least 1). */
    public int thetaDim = 1;
    /** Dimension of x (0 for an unconditional model). */
    public int contextDim = 0;
    /** Number of flow transforms. */
    public int transforms = 5;
    /** Width of every hidden layer of the conditioner networks (and of the MDN head). */
    public int hiddenFeatures = 50;
    /** Number of hidden layers of the conditioner networks (and of the MDN head). */
    public int hiddenLayers = 2;
    /** Hidden nonlinearity of the conditioner networks. */
    public Activation activation = Activation.RELU;
    /** Spline bins K. */
    public int bins = 10;
    /** Spline interval half-width B (standardised units); identity outside. */
    public double tailBound = 3.0;
    /** NSF: add an LU-linear layer after each coupling layer (when θ has more than one dimension). */
    public boolean luLinear = true;
    /** Permutation between autoregressive transforms. */
    public Permutation permutation = Permutation.REVERSE;
    /** Flow base distribution. */
    public Base base = Base.STANDARD_NORMAL;
    /** Components of a mixture base. */
    public int baseComponents = 2;
    /** Full (Cholesky) covariances in a mixture base, else diagonal. */
    public boolean baseFullCovariance = true;
    /** Components of a mixture density network. */
    public int mdnComponents = 10;
    /** Full (Cholesky) covariances in the MDN, else diagonal. */
    public boolean mdnFullCovariance = true;
    /** Output width of the x-embedding MLP; 0 feeds x to the model directly. */
    public int embeddingDim = 0;
    /**
     * A convolutional x-embedding ({@link ConvEmbedding}) of width {@link #embeddingDim} in place of the MLP, or
     * {@code null} for the MLP; x must be an image of the spec's shape.
     */
    public ConvEmbeddingSpec convEmbedding = null;
    /** Hidden widths of the x-embedding MLP. */
    public int[] embeddingHidden = new int[0];
    /** Hidden nonlinearity of the embedding. */
    public Activation embeddingActivation = Activation.RELU;
    /** Scale of the initial weights of output layers (small: flows start near the identity). */
    public double outputScale = 0.1;
    /** Seed of structural randomness (random permutations); parameters are initialised from another seed. */
    public long structureSeed = 0;

    /** A copy. */
    public DensityModelSpec copy() {
        return decode(encode());
    }

    /** Checks every field; throws IllegalArgumentException naming the field, the value and the range. */
    public DensityModelSpec validate() {
        check(thetaDim >= 1, "theta-dim", thetaDim, ">= 1");
        check(contextDim >= 0, "context-dim", contextDim, ">= 0");
        check(transforms >= 1, "transforms", transforms, ">= 1");
        check(hiddenFeatures >= 1, "hidden-features", hiddenFeatures, ">= 1");
        check(hiddenLayers >= 0, "hidden-layers", hiddenLayers, ">= 0");
        check(bins >= 1 && bins * RationalQuadraticSpline.DEFAULT_MIN < 1, "bins", bins, "1..999");
        check(tailBound > 0 && Double.isFinite(tailBound), "tail-bound", tailBound, "> 0");
        check(baseComponents >= 1, "base-components", baseComponents, ">= 1");
        check(mdnComponents >= 1, "mdn-components", mdnComponents, ">= 1");
        check(embeddingDim >= 0, "embedding-dim", embeddingDim, ">= 0");
        check(embeddingDim == 0 || contextDim > 0, "embedding-dim", embeddingDim, "0 for an unconditional model");
        for (int h : embeddingHidden) {
            check(h >= 1, "embedding-hidden", Arrays.toString(embeddingHidden), "widths >= 1");
        }
        if (convEmbedding != null) {
            check(embeddingDim >= 1, "embedding-dim", embeddingDim, ">= 1 with a conv embedding");
            convEmbedding.validate(contextDim);
        }
        check(outputScale > 0 && Double.isFinite(outputScale), "output-scale", outputScale, "> 0");
        return this;
    }

    private static void check(boolean ok, String name, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(name + " = " + value + " is invalid; allowed: " + range);
        }
    }

    /** Hidden widths of the conditioner networks. */
    public int[] hidden() {
        int[] h = new int[hiddenLayers];
        Arrays.fill(h, hiddenFeatures);
        return h;
    }

    /** The fields as ordered key/value pairs. */
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", type.name());
        m.put("theta-dim", Integer.toString(thetaDim));
        m.put("context-dim", Integer.toString(contextDim));
        m.put("transforms", Integer.toString(transforms));
        m.put("hidden-features", Integer.toString(hiddenFeatures));
        m.put("hidden-layers", Integer.toString(hiddenLayers));
        m.put("activation", activation.name());
        m.put("bins", Integer.toString(bins));
        m.put("tail-bound", Double.toString(tailBound));
        m.put("lu-linear", Boolean.toString(luLinear));
        m.put("permutation", permutation.name());
        m.put("base", base.name());
        m.put("base-components", Integer.toString(baseComponents));
        m.put("base-full-covariance", Boolean.toString(baseFullCovariance));
        m.put("mdn-components", Integer.toString(mdnComponents));
        m.put("mdn-full-covariance", Boolean.toString(mdnFullCovariance));
        m.put("embedding-dim", Integer.toString(embeddingDim));
        m.put("embedding-hidden", SpecText.widths(embeddingHidden));
        if (convEmbedding != null) {
            // only when set, so that the text of every MLP model is unchanged
            m.put("conv-embedding", convEmbedding.encode());
        }
        m.put("embedding-activation", embeddingActivation.name());
        m.put("output-scale", Double.toString(outputScale));
        m.put("structure-seed", Long.toString(structureSeed));
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
     * @return the spec
     */
    public static DensityModelSpec decode(String text) {
        DensityModelSpec s = new DensityModelSpec();
        for (Map.Entry<String, String> e : SpecText.decode(text).entrySet()) {
            String key = e.getKey();
            String v = e.getValue();
            switch (key) {
                case "type" -> s.type = Type.valueOf(v.toUpperCase(Locale.ROOT));
                case "theta-dim" -> s.thetaDim = Integer.parseInt(v);
                case "context-dim" -> s.contextDim = Integer.parseInt(v);
                case "transforms" -> s.transforms = Integer.parseInt(v);
                case "hidden-features" -> s.hiddenFeatures = Integer.parseInt(v);
                case "hidden-layers" -> s.hiddenLayers = Integer.parseInt(v);
                case "activation" -> s.activation = Activation.valueOf(v.toUpperCase(Locale.ROOT));
                case "bins" -> s.bins = Integer.parseInt(v);
                case "tail-bound" -> s.tailBound = Double.parseDouble(v);
                case "lu-linear" -> s.luLinear = Boolean.parseBoolean(v);
                case "permutation" -> s.permutation = Permutation.valueOf(v.toUpperCase(Locale.ROOT));
                case "base" -> s.base = Base.valueOf(v.toUpperCase(Locale.ROOT));
                case "base-components" -> s.baseComponents = Integer.parseInt(v);
                case "base-full-covariance" -> s.baseFullCovariance = Boolean.parseBoolean(v);
                case "mdn-components" -> s.mdnComponents = Integer.parseInt(v);
                case "mdn-full-covariance" -> s.mdnFullCovariance = Boolean.parseBoolean(v);
                case "embedding-dim" -> s.embeddingDim = Integer.parseInt(v);
                case "embedding-hidden" -> s.embeddingHidden = SpecText.widths(v);
                case "conv-embedding" -> s.convEmbedding = ConvEmbeddingSpec.decode(v);
                case "embedding-activation" -> s.embeddingActivation = Activation.valueOf(v.toUpperCase(Locale.ROOT));
                case "output-scale" -> s.outputScale = Double.parseDouble(v);
                case "structure-seed" -> s.structureSeed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown spec key '" + key + "'");
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return encode();
    }
}
