package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sampling inverts the density direction, sampled log-densities agree, and densities integrate to one. */
class TestFlowInvertibility {

    static Stream<Arguments> flows() {
        DensityModelSpec mixture = TestFlowGradients.spec(DensityModelSpec.Type.NSF, 2, 2);
        mixture.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
        return Stream.of(
                Arguments.of("maf", TestFlowGradients.spec(DensityModelSpec.Type.MAF, 3, 2)),
                Arguments.of("nsf", TestFlowGradients.spec(DensityModelSpec.Type.NSF, 3, 2)),
                Arguments.of("nsf-1d", TestFlowGradients.spec(DensityModelSpec.Type.NSF, 1, 2)),
                Arguments.of("autoregressive-nsf",
                        TestFlowGradients.spec(DensityModelSpec.Type.AUTOREGRESSIVE_NSF, 3, 2)),
                Arguments.of("nsf-mixture-base", mixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void inverseThenForwardIsTheIdentity(String name, DensityModelSpec spec) {
        for (Precision precision : Precision.values()) {
            UniformRandomProvider rng = GradientCheck.rng(name.hashCode());
            ConditionalFlow flow = (ConditionalFlow) DensityModels.create(spec, precision, rng);
            TestFlowGradients.perturb(flow.parameters(), rng, 0.3);
            int n = 200;
            Mat z = GradientCheck.randomMat(precision, n, spec.thetaDim, rng, 3.5);
            Mat x = GradientCheck.randomMat(precision, n, spec.contextDim, rng, 1.5);
            Mat theta = Mat.zeros(precision, n, spec.thetaDim);
            Mat back = Mat.zeros(precision, n, spec.thetaDim);
            flow.fromNoise(z, x, n, theta);
            flow.toNoise(theta, x, n, back);
            double tol = precision == Precision.FLOAT64 ? 1e-10 : 1e-5;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < spec.thetaDim; j++) {
                    assertThat(back.get(r, j)).as("%s %s row %d", name, precision, r)
                            .isCloseTo(z.get(r, j), offset(tol * Math.max(1, Math.abs(z.get(r, j)))));
                }
            }
        }
    }

    static Stream<Arguments> models() {
        return Stream.concat(flows(), Stream.of(
                Arguments.of("mdn", TestFlowGradients.spec(DensityModelSpec.Type.MDN, 3, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sampledLogDensityMatchesDensityEvaluation(String name, DensityModelSpec spec) {
        for (Precision precision : Precision.values()) {
            UniformRandomProvider rng = GradientCheck.rng(name.hashCode() + 1);
            ConditionalDensityModel model = DensityModels.create(spec, precision, rng);
            TestFlowGradients.perturb(model.parameters(), rng, 0.3);
            int n = 300;
            Mat x = GradientCheck.randomMat(precision, n, spec.contextDim, rng, 1.5);
            Mat theta = Mat.zeros(precision, n, spec.thetaDim);
            double[] lqSample = new double[n];
            double[] lq = new double[n];
            model.sample(x, n, rng, theta, lqSample);
            model.logDensity(theta, x, n, lq);
            double tol = precision == Precision.FLOAT64 ? 1e-8 : 2e-3;
            for (int r = 0; r < n; r++) {
                assertThat(lqSample[r]).as("%s %s row %d", name, precision, r).isFinite();
                assertThat(lq[r]).as("%s %s row %d", name, precision, r).isCloseTo(lqSample[r], offset(tol));
            }
        }
    }

    static Stream<Arguments> twoDimensional() {
        DensityModelSpec mixture = TestFlowGradients.spec(DensityModelSpec.Type.MAF, 2, 2);
        mixture.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
        return Stream.of(
                Arguments.of("maf", TestFlowGradients.spec(DensityModelSpec.Type.MAF, 2, 2)),
                Arguments.of("nsf", TestFlowGradients.spec(DensityModelSpec.Type.NSF, 2, 2)),
                Arguments.of("autoregressive-nsf",
                        TestFlowGradients.spec(DensityModelSpec.Type.AUTOREGRESSIVE_NSF, 2, 2)),
                Arguments.of("maf-mixture-base", mixture),
                Arguments.of("mdn", TestFlowGradients.spec(DensityModelSpec.Type.MDN, 2, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoDimensional")
    void conditionalDensityIntegratesToOneOverAGrid(String name, DensityModelSpec spec) {
        UniformRandomProvider rng = GradientCheck.rng(name.hashCode() + 2);
        ConditionalDensityModel model = DensityModels.create(spec, Precision.FLOAT64, rng);
        TestFlowGradients.perturb(model.parameters(), rng, 0.2);
        double lo = -12;
        double h = 0.04;
        int m = 600;
        int n = m * m;
        Mat theta = Mat.zeros(Precision.FLOAT64, n, 2);
        Mat x = Mat.zeros(Precision.FLOAT64, n, 2);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int r = i * m + j;
                theta.set(r, 0, lo + (i + 0.5) * h);
                theta.set(r, 1, lo + (j + 0.5) * h);
                x.set(r, 0, 0.7);
                x.set(r, 1, -0.4);
            }
        }
        double[] lq = new double[n];
        model.logDensity(theta, x, n, lq);
        double mass = 0;
        for (double v : lq) {
            mass += Math.exp(v);
        }
        // midpoint rule on a density that is C¹ away from knots: error O(h²) ≪ 1e-3; tails beyond ±12 negligible
        assertThat(mass * h * h).as(name).isCloseTo(1.0, offset(1e-3));
    }

    @Test
    void oneDimensionalConditionalSplineIntegratesToOne() {
        UniformRandomProvider rng = GradientCheck.rng(77);
        DensityModelSpec spec = TestFlowGradients.spec(DensityModelSpec.Type.NSF, 1, 2);
        spec.transforms = 3;
        ConditionalDensityModel model = DensityModels.create(spec, Precision.FLOAT64, rng);
        TestFlowGradients.perturb(model.parameters(), rng, 0.5);
        int n = 30_000;
        double lo = -15;
        double h = 30.0 / n;
        Mat theta = Mat.zeros(Precision.FLOAT64, n, 1);
        Mat x = Mat.zeros(Precision.FLOAT64, n, 2);
        for (int r = 0; r < n; r++) {
            theta.set(r, 0, lo + (r + 0.5) * h);
            x.set(r, 0, -1.1);
            x.set(r, 1, 0.3);
        }
        double[] lq = new double[n];
        model.logDensity(theta, x, n, lq);
        double mass = 0;
        for (double v : lq) {
            mass += Math.exp(v) * h;
        }
        assertThat(mass).isCloseTo(1.0, offset(1e-4));
    }
}
