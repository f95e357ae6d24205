package org.sbi4j.nn;

import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model's backward pass of the weighted negative log-likelihood against central differences (float64). */
class TestFlowGradients {

    static DensityModelSpec spec(DensityModelSpec.Type type, int d, int ctx) {
        DensityModelSpec s = new DensityModelSpec();
        s.type = type;
        s.thetaDim = d;
        s.contextDim = ctx;
        s.transforms = 2;
        s.hiddenFeatures = 6;
        s.hiddenLayers = 2;
        s.bins = 4;
        s.tailBound = 2.5;
        s.activation = Activation.TANH;
        s.outputScale = 1.0;
        s.mdnComponents = 3;
        return s;
    }

    static Stream<Arguments> models() {
        DensityModelSpec mafMixture = spec(DensityModelSpec.Type.MAF, 2, 2);
        mafMixture.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
        mafMixture.baseComponents = 3;
        DensityModelSpec nsfEmbedding = spec(DensityModelSpec.Type.NSF, 3, 4);
        nsfEmbedding.embeddingDim = 3;
        nsfEmbedding.embeddingHidden = new int[] {5};
        nsfEmbedding.embeddingActivation = Activation.GELU;
        DensityModelSpec nsfRelu = spec(DensityModelSpec.Type.NSF, 2, 2);
        nsfRelu.activation = Activation.RELU;
        DensityModelSpec mdnDiag = spec(DensityModelSpec.Type.MDN, 3, 2);
        mdnDiag.mdnFullCovariance = false;
        DensityModelSpec mdnEmbedding = spec(DensityModelSpec.Type.MDN, 2, 3);
        mdnEmbedding.embeddingDim = 2;
        DensityModelSpec mixtureDiag = spec(DensityModelSpec.Type.NSF, 2, 1);
        mixtureDiag.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
        mixtureDiag.baseFullCovariance = false;
        DensityModelSpec nsfConv = spec(DensityModelSpec.Type.NSF, 2, 20);
        nsfConv.embeddingDim = 3;
        nsfConv.convEmbedding = ConvEmbeddingSpec.image(5, 4, 2, 3);
        nsfConv.convEmbedding.activation = Activation.TANH;
        DensityModelSpec mdnConv = spec(DensityModelSpec.Type.MDN, 2, 18);
        mdnConv.embeddingDim = 2;
        mdnConv.convEmbedding = ConvEmbeddingSpec.image(3, 3, 2);
        mdnConv.convEmbedding.inChannels = 2;
        mdnConv.convEmbedding.stride = 1;
        mdnConv.convEmbedding.activation = Activation.GELU;
        DensityModelSpec mafRandom = spec(DensityModelSpec.Type.MAF, 4, 2);
        mafRandom.permutation = DensityModelSpec.Permutation.RANDOM;
        mafRandom.structureSeed = 9;
        mafRandom.activation = Activation.ELU;
        return Stream.of(
                Arguments.of("maf", spec(DensityModelSpec.Type.MAF, 3, 2)),
                Arguments.of("maf-random-perm-elu", mafRandom),
                Arguments.of("maf-mixture-base", mafMixture),
                Arguments.of("maf-unconditional-1d", spec(DensityModelSpec.Type.MAF, 1, 0)),
                Arguments.of("nsf-coupling-lu", spec(DensityModelSpec.Type.NSF, 3, 2)),
                Arguments.of("nsf-coupling-relu", nsfRelu),
                Arguments.of("nsf-1d", spec(DensityModelSpec.Type.NSF, 1, 2)),
                Arguments.of("nsf-unconditional", spec(DensityModelSpec.Type.NSF, 2, 0)),
                Arguments.of("nsf-embedding", nsfEmbedding),
                Arguments.of("nsf-mixture-diagonal", mixtureDiag),
                Arguments.of("autoregressive-nsf", spec(DensityModelSpec.Type.AUTOREGRESSIVE_NSF, 3, 2)),
                Arguments.of("mdn-full", spec(DensityModelSpec.Type.MDN, 3, 2)),
                Arguments.of("mdn-diagonal", mdnDiag),
                Arguments.of("mdn-embedding", mdnEmbedding),
                Arguments.of("nsf-conv-embedding", nsfConv),
                Arguments.of("mdn-conv-embedding-2-channels", mdnConv));
    }

    /** Moves every parameter off its (often identity) initial value. */
    static void perturb(ParameterSet params, UniformRandomProvider rng, double scale) {
        for (int i = 0; i < params.size(); i++) {
            params.values().set(i, params.values().get(i) + scale * (2 * rng.nextDouble() - 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void lossGradientMatchesFiniteDifferences(String name, DensityModelSpec spec) {
        UniformRandomProvider rng = GradientCheck.rng(name.hashCode());
        ConditionalDensityModel model = DensityModels.create(spec, Precision.FLOAT64, rng);
        perturb(model.parameters(), rng, 0.3);
        int n = 6;
        Mat theta = GradientCheck.randomMat(Precision.FLOAT64, n, spec.thetaDim, rng, 2.0);
        // one coordinate beyond the spline bound, to exercise the linear tails
        theta.set(0, 0, 3.1);
        Mat x = spec.contextDim == 0 ? null : GradientCheck.randomMat(Precision.FLOAT64, n, spec.contextDim, rng, 1.5);
        double[] weights = new double[n];
        for (int r = 0; r < n; r++) {
            weights[r] = 0.5 + rng.nextDouble();
        }
        if (model instanceof ConditionalFlow flow) {
            flow.setContextGradientWanted(true);
        }
        ParameterSet params = model.parameters();
        params.zeroGradients();
        double loss = model.lossAndGradient(theta, x, weights, n);
        DoubleSupplier lossFn = () -> {
            double[] lp = new double[n];
            model.logDensity(theta, x, n, lp);
            double s = 0;
            for (int r = 0; r < n; r++) {
                s -= weights[r] * lp[r];
            }
            return s / n;
        };
        org.assertj.core.api.Assertions.assertThat(loss).isCloseTo(lossFn.getAsDouble(),
                org.assertj.core.data.Offset.offset(1e-12));
        double[] analytic = GradientCheck.slice(params.gradients(), 0, params.size());
        double[] numeric = GradientCheck.numeric(params.values(), 0, params.size(), lossFn);
        GradientCheck.assertClose(name + " parameters", analytic, numeric);

        if (model instanceof ConditionalFlow flow && x != null && spec.embeddingDim == 0) {
            double[] gc = GradientCheck.slice(flow.contextGradient().buffer(), 0, n * spec.contextDim);
            GradientCheck.assertClose(name + " context", gc,
                    GradientCheck.numeric(x.buffer(), 0, n * spec.contextDim, lossFn));
        }
    }
}
