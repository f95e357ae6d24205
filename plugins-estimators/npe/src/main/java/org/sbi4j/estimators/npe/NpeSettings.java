package org.sbi4j.estimators.npe;

import java.util.Arrays;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.FlowSettings;
import org.sbi4j.spi.Setting;

/**
 * Settings of {@code npe}. Defaults follow sbi / sbibm's NPE (NSF of 5 transforms with 50 hidden units, 10
 * bins; Adam at 5·10⁻⁴ with batches of 200, 10% validation, early stopping after 20 epochs without
 * improvement, gradients clipped at norm 5; θ and x z-scored), except three deliberate choices: θ is mapped to
 * unconstrained space from the prior's bounds, the spline tail bound is 4 rather than sbi's 3, and the weights
 * are averaged (an exponential moving average over about 3 epochs, which validation and the final model use).
 *
 * <p>Weight averaging, measured (sbibm benchmark, seed 42, C2ST over observations 1–10, without → with):
 * two_moons 10³ 0.729 → 0.685, gaussian_linear 10⁴ 0.554 → 0.548, lotka_volterra 10⁴ 0.902 → 0.858. With a
 * constant learning rate of 5·10⁻⁴ the last step's weights carry mini-batch noise that averaging removes; the
 * mean −log q of the 10,000 reference draws (3 seeds) drops by 0.03 nats on gaussian_linear 10⁴ and 0.15 on
 * two_moons 10³.
 *
 * <p>Tail bound, measured (held-out NLL on 5,000 prior-predictive pairs, mean of 4 seeds, 5,000 training
 * simulations, default settings otherwise): conjugate Gaussian 2-D (entropy 1.228) B = 3: 1.318, 4: 1.276,
 * 5: 1.269; two moons B = 3: −3.200, 4: −3.208, 5: −3.126. B = 3 cannot reshape posteriors whose mass reaches
 * the edge of [−3, 3] (moderately unusual observations: the Gaussian loses 0.05 nats), B = 5 spreads the 10 bins
 * thinly and blurs the two-moons crescents (0.08 nats); B = 4 is within seed noise of the best on both.
 */
public final class NpeSettings extends FlowSettings {

    /** x length above which {@code embedding-dim: -1} switches an MLP embedding on. */
    public static final int AUTO_EMBEDDING_THRESHOLD = 100;
    /** Output width of the automatic embedding. */
    public static final int AUTO_EMBEDDING_DIM = 32;

    /**
     * npe splits each batch into two shards (the gradient of the whole batch, summed from two halves, so both cores
     * train; measured at 10⁴ with 2 against 1 shard: two_moons 0.553 / 0.555, slcp 0.867 / 0.865, gaussian_mixture
     * 0.555 / 0.556, docs/benchmarks.md).
     */
    public NpeSettings() {
        shards = 2;
    }

    @Setting("density family: nsf (neural spline flow, default), maf (masked autoregressive flow) or mdn "
            + "(mixture density network)")
    public FlowType flow = FlowType.NSF;

    @Setting("mixture components of the mdn, 1..1000")
    public int mdnComponents = 10;

    @Setting("output width of the x embedding (MLP, or conv with embedding: conv) shared by all transforms: -1 "
            + "(default) = automatic "
            + "(none up to " + AUTO_EMBEDDING_THRESHOLD + " data values, " + AUTO_EMBEDDING_DIM
            + " outputs above, and always with embedding: conv), 0 = none (x feeds every conditioner directly; "
            + "not with embedding: conv), > 0 = that width")
    public int embeddingDim = -1;

    @Setting("hidden-layer widths of the MLP x embedding when it is used, each >= 1; empty = a linear "
            + "projection")
    public int[] embeddingHidden = {128};

    @Override
    public void validate() {
        if (flow == null) {
            throw new IllegalArgumentException("flow is missing: it must be nsf, maf or mdn");
        }
        range("mdn-components", mdnComponents, 1, 1000);
        validateFlow();
        if (embeddingDim < -1) {
            throw bad("embedding-dim", embeddingDim, "-1 (automatic), 0 (none) or a width >= 1");
        }
        if (embedding == EmbeddingType.CONV && embeddingDim == 0) {
            throw bad("embedding-dim", embeddingDim, "-1 (automatic) or a width >= 1 with embedding: conv");
        }
        if (embeddingHidden == null) {
            throw new IllegalArgumentException("embedding-hidden is missing: give a list of widths, or [] for none");
        }
        for (int width : embeddingHidden) {
            if (width < 1) {
                throw bad("embedding-hidden", Arrays.toString(embeddingHidden), "widths >= 1");
            }
        }
    }

    /**
     * The embedding width actually used for data of the given length.
     *
     * @param dataLength length of x
     * @return 0 for no embedding, else the output width
     */
    int effectiveEmbeddingDim(int dataLength) {
        if (embeddingDim >= 0) {
            return embeddingDim;
        }
        return dataLength > AUTO_EMBEDDING_THRESHOLD || embedding == EmbeddingType.CONV ? AUTO_EMBEDDING_DIM : 0;
    }

    /**
     * The architecture for data of the given length.
     *
     * @param dataLength length of x
     * @return the spec (dimensions are filled in from the training data)
     * @throws IllegalArgumentException when a conv embedding's image shape does not match the data
     */
    DensityModelSpec modelSpec(int dataLength) {
        DensityModelSpec spec = flowSpec(flow.modelType());
        spec.mdnComponents = mdnComponents;
        spec.embeddingDim = effectiveEmbeddingDim(dataLength);
        spec.convEmbedding = convEmbedding(dataLength);
        spec.embeddingHidden = spec.embeddingDim > 0 && spec.convEmbedding == null ? embeddingHidden.clone()
                : new int[0];
        return spec;
    }
}
