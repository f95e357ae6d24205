package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient of log q(θ | x) in the context x, which a likelihood estimator q(x | θ) back-propagates to sample θ:
 * {@link ConditionalFlow#logDensityAndContextGradient} (with and without an embedding) and
 * {@link ConditionalDensity#logDensityAndContextGradient} (through the z-score of x) against central differences of
 * the log density, in float64; the input-only backward pass it uses gives the full backward's numbers exactly and
 * leaves the parameter gradients untouched.
 */
class TestContextGradient {

    static Stream<Arguments> flows() {
        DensityModelSpec nsfEmbedding = TestFlowGradients.spec(DensityModelSpec.Type.NSF, 3, 4);
        nsfEmbedding.embeddingDim = 3;
        nsfEmbedding.embeddingHidden = new int[] {5};
        nsfEmbedding.embeddingActivation = Activation.GELU;
        DensityModelSpec mafMixture = TestFlowGradients.spec(DensityModelSpec.Type.MAF, 2, 3);
        mafMixture.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
        return Stream.of(
                Arguments.of("maf", TestFlowGradients.spec(DensityModelSpec.Type.MAF, 3, 2)),
                Arguments.of("maf-mixture-base", mafMixture),
                Arguments.of("nsf", TestFlowGradients.spec(DensityModelSpec.Type.NSF, 3, 2)),
                Arguments.of("nsf-1d", TestFlowGradients.spec(DensityModelSpec.Type.NSF, 1, 3)),
                Arguments.of("nsf-embedding", nsfEmbedding),
                Arguments.of("autoregressive-nsf", TestFlowGradients.spec(DensityModelSpec.Type.AUTOREGRESSIVE_NSF,
                        2, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void flowContextGradientMatchesFiniteDifferences(String name, DensityModelSpec spec) {
        UniformRandomProvider rng = GradientCheck.rng(name.hashCode() + 17L);
        ConditionalFlow flow = (ConditionalFlow) DensityModels.create(spec, Precision.FLOAT64, rng);
        TestFlowGradients.perturb(flow.parameters(), rng, 0.3);
        int n = 5;
        Mat theta = GradientCheck.randomMat(Precision.FLOAT64, n, spec.thetaDim, rng, 2.0);
        theta.set(0, 0, 2.9);
        Mat x = GradientCheck.randomMat(Precision.FLOAT64, n, spec.contextDim, rng, 1.5);
        double[] logq = new double[n];
        Mat grad = Mat.zeros(Precision.FLOAT64, n, spec.contextDim);
        ParameterSet params = flow.parameters();
        params.zeroGradients();
        flow.logDensityAndContextGradient(theta, x, n, logq, grad);
        // the input-only backward computes no parameter gradient ...
        assertThat(GradientCheck.slice(params.gradients(), 0, params.size())).containsOnly(0.0);
        double[] expected = new double[n];
        flow.logDensity(theta, x, n, expected);
        assertThat(logq).containsExactly(expected);
        // ... and gives exactly the numbers of the full backward pass, which does accumulate them
        double[] logqFull = new double[n];
        Mat gradFull = Mat.zeros(Precision.FLOAT64, n, spec.contextDim);
        flow.logDensityAndContextGradient(theta, x, n, logqFull, gradFull, true);
        assertThat(logqFull).containsExactly(logq);
        assertThat(GradientCheck.slice(gradFull.buffer(), 0, n * spec.contextDim))
                .containsExactly(GradientCheck.slice(grad.buffer(), 0, n * spec.contextDim));
        assertThat(GradientCheck.slice(params.gradients(), 0, params.size())).isNotEqualTo(new double[params.size()]);
        double[] numeric = GradientCheck.numeric(x.buffer(), 0, n * spec.contextDim, () -> {
            double[] lp = new double[n];
            flow.logDensity(theta, x, n, lp);
            double s = 0;
            for (double v : lp) {
                s += v;
            }
            return s;
        });
        GradientCheck.assertClose(name + " context", GradientCheck.slice(grad.buffer(), 0, n * spec.contextDim),
                numeric);
    }

    @Test
    void densityGradientIncludesTheZScoreAndMatchesFiniteDifferences() {
        UniformRandomProvider rng = GradientCheck.rng(5);
        int n = 40;
        double[][] theta = new double[n][2];
        double[][] x = new double[n][3];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 3; j++) {
                x[r][j] = 10 * j + (1 + j) * (2 * rng.nextDouble() - 1);
            }
            theta[r][0] = x[r][0] + (2 * rng.nextDouble() - 1);
            theta[r][1] = x[r][1] * x[r][2] / 20 + (2 * rng.nextDouble() - 1);
        }
        DensityModelSpec spec = TestFlowGradients.spec(DensityModelSpec.Type.NSF, 2, 3);
        ConditionalDensity density = ConditionalDensity.create(spec, ThetaBijection.identity(2), theta, x, true,
                Precision.FLOAT64, rng);
        TestFlowGradients.perturb(density.model().parameters(), rng, 0.3);
        double[][] grad = new double[n][3];
        double[] logq = density.logDensityAndContextGradient(theta, x, grad);
        assertThat(logq).containsExactly(density.logDensity(theta, x));
        double h = 1e-6;
        double[] analytic = new double[n * 3];
        double[] numeric = new double[n * 3];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 3; j++) {
                double keep = x[r][j];
                x[r][j] = keep + h;
                double up = density.logDensity(new double[][] {theta[r]}, new double[][] {x[r]})[0];
                x[r][j] = keep - h;
                double down = density.logDensity(new double[][] {theta[r]}, new double[][] {x[r]})[0];
                x[r][j] = keep;
                numeric[r * 3 + j] = (up - down) / (2 * h);
                analytic[r * 3 + j] = grad[r][j];
            }
        }
        GradientCheck.assertClose("density context", analytic, numeric);
    }

    @Test
    void mixtureDensityNetworkIsRefusedWithAMessage() {
        DensityModelSpec spec = TestFlowGradients.spec(DensityModelSpec.Type.MDN, 2, 2);
        double[][] rows = {{0, 1}, {1, 0}, {2, 2}};
        ConditionalDensity density = ConditionalDensity.create(spec, ThetaBijection.identity(2), rows, rows, true,
                Precision.FLOAT64, GradientCheck.rng(1));
        assertThatThrownBy(() -> density.logDensityAndContextGradient(rows, rows, new double[3][2]))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("nsf or maf");
    }
}
