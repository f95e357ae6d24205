package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Builds a {@link ConditionalDensityModel} from a {@link DensityModelSpec}. */
public final class DensityModels {

    private DensityModels() {
    }

    /**
     * Builds and initialises a model.
     *
     * @param spec architecture (validated here)
     * @param precision buffer precision
     * @param initRng initialisation stream (parameters are drawn from it in a fixed order)
     * @return the model
     */
    public static ConditionalDensityModel create(DensityModelSpec spec, Precision precision,
                                                 UniformRandomProvider initRng) {
        spec.validate();
        ParameterSet.Builder b = ParameterSet.builder(precision);
        int d = spec.thetaDim;
        Embedding embedding = Embedding.create(b, "embedding", spec.contextDim, spec.embeddingDim,
                spec.embeddingHidden, spec.embeddingActivation, spec.convEmbedding);
        int ctx = embedding == null ? spec.contextDim : spec.embeddingDim;
        int[] hidden = spec.hidden();
        if (spec.type == DensityModelSpec.Type.MDN) {
            GaussianMixtureKernel kernel = new GaussianMixtureKernel(spec.mdnComponents, d, spec.mdnFullCovariance);
            Mlp head = MixtureDensityNetwork.head(b, "mdn", ctx, hidden, spec.activation, kernel, spec.outputScale);
            ParameterSet params = b.build(initRng);
            return new MixtureDensityNetwork(params, embedding, head, kernel, d, spec.contextDim);
        }
        UniformRandomProvider structure = RandomSource.XO_RO_SHI_RO_128_PP.create(spec.structureSeed);
        List<FlowTransform> transforms = new ArrayList<>();
        for (int i = 0; i < spec.transforms; i++) {
            String name = "t" + i;
            switch (spec.type) {
                case MAF -> transforms.add(new AffineAutoregressiveTransform(b, name, d, ctx, hidden,
                        spec.activation, spec.outputScale));
                case AUTOREGRESSIVE_NSF -> transforms.add(new SplineAutoregressiveTransform(b, name, d, ctx, hidden,
                        spec.activation, spec.bins, spec.tailBound, spec.outputScale));
                case NSF -> transforms.add(new SplineCouplingTransform(b, name, d,
                        SplineCouplingTransform.alternatingMask(d, i), ctx, hidden, spec.activation, spec.bins,
                        spec.tailBound, spec.outputScale));
                default -> throw new IllegalStateException("unexpected " + spec.type);
            }
            if (d > 1) {
                if (spec.type == DensityModelSpec.Type.NSF) {
                    if (spec.luLinear) {
                        transforms.add(new LuLinearTransform(b, name + "/mix", d));
                    }
                } else if (i < spec.transforms - 1) {
                    int[] perm = spec.permutation == DensityModelSpec.Permutation.RANDOM
                            ? PermutationTransform.random(d, structure) : PermutationTransform.reverse(d);
                    transforms.add(new PermutationTransform(precision, perm));
                }
            }
        }
        BaseDistribution base = spec.base == DensityModelSpec.Base.GAUSSIAN_MIXTURE
                ? new GaussianMixtureBase(b, "base", spec.baseComponents, d, spec.baseFullCovariance)
                : new StandardNormal(d);
        ParameterSet params = b.build(initRng);
        return new ConditionalFlow(params, transforms, base, embedding, d, spec.contextDim);
    }

    /**
     * Zeroes the output layer of every flow transform's conditioner, so that each spline or affine transform
     * (and with it the whole flow, LU layers starting at the identity too) is exactly the identity, while the
     * gradients of those layers are not zero. A mixture base then starts as the model itself.
     *
     * @param model a flow built by {@link #create} from {@code spec}
     * @param spec its spec
     */
    public static void startAtIdentity(ConditionalDensityModel model, DensityModelSpec spec) {
        if (spec.type == DensityModelSpec.Type.MDN) {
            throw new IllegalArgumentException("a mixture density network has no identity");
        }
        String last = "/" + spec.hiddenLayers + "/";
        for (Param p : model.parameters().params()) {
            String name = p.name();
            if (name.matches("t\\d+/.*") && name.substring(name.indexOf('/')).startsWith(last)) {
                Mat v = p.value();
                for (int r = 0; r < p.rows(); r++) {
                    for (int c = 0; c < p.cols(); c++) {
                        v.set(r, c, 0.0);
                    }
                }
            }
        }
    }
}
