package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The flow-matching vector field: backward passes against central differences (float64), and the divergence. */
class TestVectorFieldNetwork {

    static VectorFieldSpec spec(int d, int ctx) {
        VectorFieldSpec s = new VectorFieldSpec();
        s.thetaDim = d;
        s.contextDim = ctx;
        s.hiddenFeatures = 5;
        s.blocks = 2;
        s.timeFrequencies = 2;
        return s;
    }

    static Stream<Arguments> specs() {
        VectorFieldSpec layerNorm = spec(3, 2);
        layerNorm.layerNorm = true;
        VectorFieldSpec embedded = spec(2, 3);
        embedded.embeddingDim = 2;
        embedded.embeddingHidden = new int[] {4};
        VectorFieldSpec everything = spec(3, 3);
        everything.layerNorm = true;
        everything.embeddingDim = 3;
        everything.activation = Activation.TANH;
        VectorFieldSpec conv = spec(2, 30);
        conv.embeddingDim = 3;
        conv.convEmbedding = ConvEmbeddingSpec.image(6, 5, 3, 2);
        conv.convEmbedding.activation = Activation.GELU;
        VectorFieldSpec unconditional = spec(2, 0);
        unconditional.timeFrequencies = 0;
        VectorFieldSpec noBlocks = spec(2, 1);
        noBlocks.blocks = 0;
        VectorFieldSpec elu = spec(1, 2);
        elu.activation = Activation.ELU;
        elu.blocks = 3;
        return Stream.of(
                Arguments.of("plain-gelu", spec(3, 2)),
                Arguments.of("layer-norm", layerNorm),
                Arguments.of("x-embedding", embedded),
                Arguments.of("norm-embedding-tanh", everything),
                Arguments.of("conv-embedding", conv),
                Arguments.of("unconditional-raw-t", unconditional),
                Arguments.of("no-blocks", noBlocks),
                Arguments.of("1d-elu", elu));
    }

    /** A float64 network with every parameter moved off its (near-identity) initial value, and a batch. */
    private static final class Fixture {
        final VectorFieldNetwork net;
        final ParameterSet params;
        final int n;
        final Mat theta;
        final Mat x;
        final double[] t;

        Fixture(VectorFieldSpec spec, Precision precision, long seed, int n) {
            UniformRandomProvider rng = GradientCheck.rng(seed);
            ParameterSet.Builder b = ParameterSet.builder(precision);
            net = new VectorFieldNetwork(b, "v", spec);
            params = b.build(rng);
            TestFlowGradients.perturb(params, rng, 0.4);
            this.n = n;
            theta = GradientCheck.randomMat(precision, n, spec.thetaDim, rng, 1.5);
            x = spec.contextDim > 0 ? GradientCheck.randomMat(precision, n, spec.contextDim, rng, 1.5) : null;
            t = new double[n];
            for (int r = 0; r < n; r++) {
                t[r] = rng.nextDouble();
            }
        }

        Mat forward() {
            if (x != null) {
                net.setContext(x, n);
            }
            return net.forward(t, theta, n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void backwardMatchesFiniteDifferencesForParametersAndTheta(String name, VectorFieldSpec spec) {
        Fixture f = new Fixture(spec, Precision.FLOAT64, name.hashCode(), 4);
        Mat w = GradientCheck.randomMat(Precision.FLOAT64, f.n, spec.thetaDim, GradientCheck.rng(7), 1.0);
        f.params.zeroGradients();
        f.forward();
        f.net.backward(w, f.n, true);
        double[] dTheta = GradientCheck.slice(f.net.thetaGrad().buffer(), 0, f.n * spec.thetaDim);
        double[] dParams = GradientCheck.slice(f.params.gradients(), 0, f.params.size());
        DoubleSupplier loss = () -> GradientCheck.dot(w, f.forward(), f.n);
        GradientCheck.assertClose(name + " params", dParams,
                GradientCheck.numeric(f.params.values(), 0, f.params.size(), loss));
        GradientCheck.assertClose(name + " theta", dTheta,
                GradientCheck.numeric(f.theta.buffer(), 0, f.n * spec.thetaDim, loss));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void vectorJacobianProductsRepeatWithoutTouchingParameterGradients(String name, VectorFieldSpec spec) {
        Fixture f = new Fixture(spec, Precision.FLOAT64, 31 + name.hashCode(), 5);
        int d = spec.thetaDim;
        UniformRandomProvider rng = GradientCheck.rng(5);
        Mat u1 = GradientCheck.randomMat(Precision.FLOAT64, f.n, d, rng, 1.0);
        Mat u2 = GradientCheck.randomMat(Precision.FLOAT64, f.n, d, rng, 1.0);
        f.params.zeroGradients();
        f.forward();
        double[] first = GradientCheck.slice(f.net.vectorJacobianProduct(u1, f.n).buffer(), 0, f.n * d);
        double[] other = GradientCheck.slice(f.net.vectorJacobianProduct(u2, f.n).buffer(), 0, f.n * d);
        double[] again = GradientCheck.slice(f.net.vectorJacobianProduct(u1, f.n).buffer(), 0, f.n * d);
        assertThat(again).containsExactly(first);
        assertThat(f.params.gradientNorm()).isZero();
        GradientCheck.assertClose(name + " vjp u1", first,
                GradientCheck.numeric(f.theta.buffer(), 0, f.n * d, () -> GradientCheck.dot(u1, f.forward(), f.n)));
        f.forward();
        GradientCheck.assertClose(name + " vjp u2", other,
                GradientCheck.numeric(f.theta.buffer(), 0, f.n * d, () -> GradientCheck.dot(u2, f.forward(), f.n)));
        // a training backward after VJPs on the same forward still gives the same θ-gradient
        f.forward();
        f.net.vectorJacobianProduct(u2, f.n);
        f.net.backward(u1, f.n, true);
        assertThat(GradientCheck.slice(f.net.thetaGrad().buffer(), 0, f.n * d)).containsExactly(first);
        assertThat(f.params.gradientNorm()).isPositive();
    }

    /** Finite-difference Jacobian ∂v_r/∂θ_r, {@code [row][output][input]}. */
    private static double[][][] jacobian(Fixture f) {
        int d = f.net.thetaDim();
        double[][][] jac = new double[f.n][d][d];
        double h = GradientCheck.STEP;
        for (int i = 0; i < d; i++) {
            for (int r = 0; r < f.n; r++) {
                int k = f.theta.index(r, i);
                double v = f.theta.buffer().get(k);
                f.theta.buffer().set(k, v + h);
                double[][] up = f.forward().toArray(f.n);
                f.theta.buffer().set(k, v - h);
                double[][] down = f.forward().toArray(f.n);
                f.theta.buffer().set(k, v);
                for (int o = 0; o < d; o++) {
                    jac[r][o][i] = (up[r][o] - down[r][o]) / (2 * h);
                }
            }
        }
        return jac;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void exactDivergenceIsTheTraceOfTheFiniteDifferenceJacobian(String name, VectorFieldSpec spec) {
        Fixture f = new Fixture(spec, Precision.FLOAT64, 97 + name.hashCode(), 6);
        double[][][] jac = jacobian(f);
        f.forward();
        double[] div = new double[f.n];
        new Divergence(Precision.FLOAT64, spec.thetaDim).exact(f.net, f.n, div);
        double[] trace = new double[f.n];
        for (int r = 0; r < f.n; r++) {
            for (int j = 0; j < spec.thetaDim; j++) {
                trace[r] += jac[r][j][j];
            }
        }
        GradientCheck.assertClose(name + " divergence", div, trace);
    }

    @Test
    void hutchinsonIsUnbiasedWithinMonteCarloError() {
        VectorFieldSpec spec = spec(3, 2);
        spec.hiddenFeatures = 8;
        Fixture f = new Fixture(spec, Precision.FLOAT64, 2024, 6);
        double[][][] jac = jacobian(f);
        f.forward();
        Divergence div = new Divergence(Precision.FLOAT64, 3);
        double[] exact = new double[f.n];
        div.exact(f.net, f.n, exact);
        int probes = 4000;
        double[] estimate = new double[f.n];
        div.hutchinson(f.net, f.n, probes, GradientCheck.rng(77), estimate);
        for (int r = 0; r < f.n; r++) {
            // Var(εᵀAε) = ½ Σ_{i≠j} (A_ij + A_ji)² for Rademacher ε
            double var = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (i != j) {
                        double s = jac[r][i][j] + jac[r][j][i];
                        var += 0.5 * s * s;
                    }
                }
            }
            double se = Math.sqrt(var / probes);
            assertThat(se).as("row " + r + ": off-diagonal Jacobian ~0, the check would be vacuous").isGreaterThan(1e-3);
            // 6 rows at 4 standard errors: a false alarm has probability < 4e-4
            assertThat(estimate[r]).as("row " + r).isCloseTo(exact[r], Offset.offset(4 * se));
        }
        // a single probe is exact for a diagonal Jacobian only; here it is noisy but finite
        double[] one = new double[f.n];
        div.hutchinson(f.net, f.n, 1, GradientCheck.rng(78), one);
        assertThat(java.util.Arrays.stream(one).allMatch(Double::isFinite)).isTrue();
        assertThat(f.params.gradientNorm()).isZero();
    }

    @Test
    void sharedTimeMatchesPerRowTimesAndFloat32MatchesFloat64() {
        VectorFieldSpec spec = spec(3, 2);
        spec.layerNorm = true;
        spec.embeddingDim = 4;
        Fixture f64 = new Fixture(spec, Precision.FLOAT64, 5, 7);
        java.util.Arrays.fill(f64.t, 0.37);
        double[][] perRow = f64.forward().toArray(f64.n);
        double[][] shared = f64.net.forward(0.37, f64.theta, f64.n).toArray(f64.n);
        for (int r = 0; r < f64.n; r++) {
            assertThat(shared[r]).containsExactly(perRow[r]);
        }
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT32);
        VectorFieldNetwork net32 = new VectorFieldNetwork(b, "v", spec);
        ParameterSet p32 = b.build(GradientCheck.rng(1));
        p32.importValues(f64.params.exportDoubles());
        net32.setContext(Mat.of(Precision.FLOAT32, f64.x.toArray(f64.n)), f64.n);
        double[][] out32 = net32.forward(0.37, Mat.of(Precision.FLOAT32, f64.theta.toArray(f64.n)), f64.n)
                .toArray(f64.n);
        for (int r = 0; r < f64.n; r++) {
            for (int j = 0; j < 3; j++) {
                assertThat(out32[r][j]).isCloseTo(perRow[r][j], Offset.offset(1e-4 * (1 + Math.abs(perRow[r][j]))));
            }
        }
        double[] div32 = new double[f64.n];
        double[] div64 = new double[f64.n];
        new Divergence(Precision.FLOAT32, 3).exact(net32, f64.n, div32);
        f64.net.forward(0.37, f64.theta, f64.n);
        new Divergence(Precision.FLOAT64, 3).exact(f64.net, f64.n, div64);
        for (int r = 0; r < f64.n; r++) {
            assertThat(div32[r]).isCloseTo(div64[r], Offset.offset(1e-4 * (1 + Math.abs(div64[r]))));
        }
    }

    @Test
    void aValuesOnlyForwardGivesTheSameValuesAndRefusesABackwardPass() {
        VectorFieldSpec spec = spec(3, 2);
        spec.embeddingDim = 4;
        Fixture f64 = new Fixture(spec, Precision.FLOAT64, 93, 6);
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT32);
        VectorFieldNetwork net = new VectorFieldNetwork(b, "v", spec);
        ParameterSet p = b.build(GradientCheck.rng(1));
        p.importValues(f64.params.exportDoubles());
        Mat theta = Mat.of(Precision.FLOAT32, f64.theta.toArray(f64.n));
        net.setSharedContext(Mat.of(Precision.FLOAT32, f64.x.toArray(1)), f64.n);
        double[][] full = net.forward(0.3, theta, f64.n).toArray(f64.n);
        double[][] values = net.forwardValues(0.3, theta, f64.n).toArray(f64.n);
        for (int r = 0; r < f64.n; r++) {
            assertThat(values[r]).containsExactly(full[r]);
        }
        Mat u = GradientCheck.randomMat(Precision.FLOAT32, f64.n, 3, GradientCheck.rng(2), 1.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> net.vectorJacobianProduct(u, f64.n))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forwardValues");
        // a full forward makes backward passes possible again
        net.forward(0.3, theta, f64.n);
        double[] row = net.vectorJacobianProduct(u, f64.n).toArray(f64.n)[0];
        assertThat(java.util.Arrays.stream(row).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void float32TrainingGradientsMatchFloat64WithPerRowAndSharedTimes() {
        // the float32 gated residual and its backward run on heap rows, float64 on ND4J ops: both must give the
        // same parameter and θ gradients up to float rounding, with a gate per row and with one shared gate row
        VectorFieldSpec spec = spec(3, 2);
        spec.embeddingDim = 4;
        for (boolean sharedTime : new boolean[] {false, true}) {
            Fixture f64 = new Fixture(spec, Precision.FLOAT64, 91, 6);
            ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT32);
            VectorFieldNetwork net32 = new VectorFieldNetwork(b, "v", spec);
            ParameterSet p32 = b.build(GradientCheck.rng(1));
            p32.importValues(f64.params.exportDoubles());
            Mat w64 = GradientCheck.randomMat(Precision.FLOAT64, f64.n, 3, GradientCheck.rng(5), 1.0);
            Mat w32 = Mat.of(Precision.FLOAT32, w64.toArray(f64.n));
            Mat theta32 = Mat.of(Precision.FLOAT32, f64.theta.toArray(f64.n));
            f64.params.zeroGradients();
            p32.zeroGradients();
            f64.net.setContext(f64.x, f64.n);
            net32.setContext(Mat.of(Precision.FLOAT32, f64.x.toArray(f64.n)), f64.n);
            if (sharedTime) {
                f64.net.forward(0.42, f64.theta, f64.n);
                net32.forward(0.42, theta32, f64.n);
            } else {
                f64.net.forward(f64.t, f64.theta, f64.n);
                net32.forward(f64.t, theta32, f64.n);
            }
            f64.net.backward(w64, f64.n, true);
            net32.backward(w32, f64.n, true);
            double[] g64 = GradientCheck.slice(f64.params.gradients(), 0, f64.params.size());
            double[] g32 = GradientCheck.slice(p32.gradients(), 0, p32.size());
            double scale = java.util.Arrays.stream(g64).map(Math::abs).max().orElseThrow();
            assertThat(scale).as("gradients must not vanish, the check would be vacuous").isGreaterThan(1e-2);
            for (int i = 0; i < g64.length; i++) {
                assertThat(g32[i]).as("parameter " + i + (sharedTime ? ", shared time" : ""))
                        .isCloseTo(g64[i], Offset.offset(2e-4 * scale));
            }
            double[] t64 = GradientCheck.slice(f64.net.thetaGrad().buffer(), 0, f64.n * 3);
            double[] t32 = GradientCheck.slice(net32.thetaGrad().buffer(), 0, f64.n * 3);
            for (int i = 0; i < t64.length; i++) {
                assertThat(t32[i]).isCloseTo(t64[i], Offset.offset(2e-4 * (1 + Math.abs(t64[i]))));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void oneObservationAndOneTimeShareTheGateRowWithTheSameResults(String name, VectorFieldSpec spec) {
        Fixture f = new Fixture(spec, Precision.FLOAT64, 555 + name.hashCode(), 5);
        int d = spec.thetaDim;
        if (f.x != null) {
            for (int r = 1; r < f.n; r++) {
                for (int j = 0; j < spec.contextDim; j++) {
                    f.x.set(r, j, f.x.get(0, j));
                }
            }
        }
        java.util.Arrays.fill(f.t, 0.61);
        Mat w = GradientCheck.randomMat(Precision.FLOAT64, f.n, d, GradientCheck.rng(8), 1.0);
        Divergence div = new Divergence(Precision.FLOAT64, d);
        // reference: per-row times (every row's gate computed)
        double[][] perRow = f.forward().toArray(f.n);
        double[] divPerRow = new double[f.n];
        div.exact(f.net, f.n, divPerRow);
        f.params.zeroGradients();
        f.net.backward(w, f.n, true);
        double[] gradsPerRow = GradientCheck.slice(f.params.gradients(), 0, f.params.size());
        double[] thetaGradPerRow = GradientCheck.slice(f.net.thetaGrad().buffer(), 0, f.n * d);
        // shared: one gate row broadcast
        if (f.x != null) {
            f.net.setContext(f.x, f.n);
        }
        double[][] shared = f.net.forward(0.61, f.theta, f.n).toArray(f.n);
        double[] divShared = new double[f.n];
        div.exact(f.net, f.n, divShared);
        f.params.zeroGradients();
        f.net.backward(w, f.n, true);
        for (int r = 0; r < f.n; r++) {
            for (int j = 0; j < d; j++) {
                assertThat(shared[r][j]).isCloseTo(perRow[r][j], Offset.offset(1e-13));
            }
            assertThat(divShared[r]).isCloseTo(divPerRow[r], Offset.offset(1e-12));
        }
        assertThat(GradientCheck.relativeError(GradientCheck.slice(f.params.gradients(), 0, f.params.size()),
                gradsPerRow)).isLessThan(1e-12);
        assertThat(GradientCheck.relativeError(GradientCheck.slice(f.net.thetaGrad().buffer(), 0, f.n * d),
                thetaGradPerRow)).isLessThan(1e-12);
        if (spec.embeddingDim > 0) {
            f.net.forward(0.61, f.theta, f.n);
            assertThatThrownBy(() -> f.net.backward(w, f.n, true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("setContext");
        }
    }

    @Test
    void batchSizeMayChangeBetweenCallsAndWorkspacesGrow() {
        VectorFieldSpec spec = spec(2, 2);
        spec.layerNorm = true;
        Fixture big = new Fixture(spec, Precision.FLOAT64, 12, 9);
        double[][] all = big.forward().toArray(9);
        double[] divAll = new double[9];
        Divergence div = new Divergence(Precision.FLOAT64, 2);
        div.exact(big.net, 9, divAll);
        // a fresh network with the same parameters, used on 3 rows, then 2, then growing to 9
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        VectorFieldNetwork net = new VectorFieldNetwork(b, "v", spec);
        ParameterSet p = b.build(GradientCheck.rng(1));
        p.importValues(big.params.exportDoubles());
        Divergence div2 = new Divergence(Precision.FLOAT64, 2);
        for (int n : new int[] {3, 2, 9, 4}) {
            net.setContext(Mat.of(Precision.FLOAT64, java.util.Arrays.copyOf(big.x.toArray(9), n)), n);
            double[][] out = net.forward(big.t, Mat.of(Precision.FLOAT64, java.util.Arrays.copyOf(big.theta.toArray(9), n)),
                    n).toArray(n);
            double[] d = new double[n];
            div2.exact(net, n, d);
            for (int r = 0; r < n; r++) {
                // equal up to BLAS blocking, which may depend on the row count
                for (int j = 0; j < 2; j++) {
                    assertThat(out[r][j]).isCloseTo(all[r][j], Offset.offset(1e-12));
                }
                assertThat(d[r]).isCloseTo(divAll[r], Offset.offset(1e-12));
            }
        }
    }

    @Test
    void freshBlocksStartNearTheIdentityAndContextIsRequired() {
        VectorFieldSpec spec = spec(2, 2);
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        VectorFieldNetwork net = new VectorFieldNetwork(b, "v", spec);
        ParameterSet params = b.build(GradientCheck.rng(3));
        assertThat(params.params()).extracting(Param::name).contains("v/in/w", "v/in/v", "v/gate/w",
                "v/block0/linear2/w", "v/out/b");
        Mat theta = GradientCheck.randomMat(Precision.FLOAT64, 3, 2, GradientCheck.rng(4), 1.0);
        assertThatThrownBy(() -> net.forward(0.5, theta, 3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Divergence(Precision.FLOAT64, 3).exact(net, 3, new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
        spec.hiddenFeatures = 0;
        assertThatThrownBy(spec::validate).isInstanceOf(IllegalArgumentException.class);
    }
}
