package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** {@link Dense}'s float32 row loops (identity and ReLU) give exactly what {@link Activation}'s element loops give. */
class TestDenseRows {

    private static Buffer random(Precision precision, int length, UniformRandomProvider rng) {
        Buffer b = Buffer.allocate(precision, length);
        for (int i = 0; i < length; i++) {
            // values over several decades, so that the sums round
            b.set(i, (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(7) - 3));
        }
        return b;
    }

    @Test
    void aFloat32IdentityLayerStoresWhatTheElementLoopsStore() {
        // the identity layer's float32 bias runs in Dense's row loop: its output must equal x·W + b rounded per element
        UniformRandomProvider rng = GradientCheck.rng(31);
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT32);
        Dense dense = new Dense(b, "d", 5, 0, 6, Activation.IDENTITY, null, 1.0);
        ParameterSet params = b.build(rng);
        TestFlowGradients.perturb(params, rng, 0.5);
        Mat x = GradientCheck.randomMat(Precision.FLOAT32, 4, 5, rng, 1.0);
        double[][] out = dense.forward(x, null, 4).toArray(4);
        Mat gemmOnly = Mat.zeros(Precision.FLOAT32, 4, 6);
        Blas.gemm(false, false, 4, 6, 5, 1.0, x, paramValue(params, "d/w"), 0.0, gemmOnly);
        Mat biasValue = paramValue(params, "d/b");
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 6; j++) {
                assertThat(out[r][j]).isEqualTo((double) (float) (gemmOnly.get(r, j) + biasValue.get(0, j)));
            }
        }
        // backward: the bias gradient is the column sums in double, in row order (values over several decades, so
        // that another order or float accumulation would round differently)
        Buffer gradOut = random(Precision.FLOAT32, 4 * 6, rng);
        double[] expected = new double[6];
        Activation.IDENTITY.backwardBias(gradOut, 0, 6, null, null, null, expected, 4, 6);
        params.zeroGradients();
        dense.backward(new Mat(gradOut, 0, 4, 6), 4, true, false);
        assertThat(paramValueGrad(params, "d/b")).containsExactly(
                java.util.Arrays.stream(expected).map(v -> (double) (float) v).toArray());
    }

    @Test
    void aFloat32ReluLayerStoresWhatTheElementLoopsStore() {
        // Dense's float32 ReLU rows against Activation's element loops, forward (relu(xW + b)) and backward
        // (dL/dz over the outputs, the bias gradient in double)
        UniformRandomProvider rng = GradientCheck.rng(37);
        int n = 9;
        int in = 7;
        int out = 11;
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT32);
        Dense dense = new Dense(b, "d", in, 0, out, Activation.RELU, null, 1.0);
        ParameterSet params = b.build(rng);
        TestFlowGradients.perturb(params, rng, 0.5);
        Mat x = GradientCheck.randomMat(Precision.FLOAT32, n, in, rng, 1.0);
        Mat reference = Mat.zeros(Precision.FLOAT32, n, out);
        Blas.gemm(false, false, n, out, in, 1.0, x, paramValue(params, "d/w"), 0.0, reference);
        double[] bias = paramValue(params, "d/b").toArray(1)[0];
        Activation.RELU.forwardBias(reference.buffer(), 0, bias, n, out, reference.buffer());
        double[] forward = dense.forward(x, null, n).buffer().toDoubleArray();
        assertThat(forward).containsExactly(reference.buffer().toDoubleArray());
        assertThat(forward).as("both signs occur, so the check is not vacuous").contains(0.0);
        assertThat(java.util.Arrays.stream(forward).anyMatch(v -> v > 0)).isTrue();

        Mat gradOut = GradientCheck.randomMat(Precision.FLOAT32, n, out, rng, 1.0);
        double[] expectedBiasGrad = new double[out];
        Activation.RELU.backwardBias(gradOut.buffer(), 0, out, reference.buffer(), reference.buffer(),
                reference.buffer(), expectedBiasGrad, n, out);
        params.zeroGradients();
        dense.backward(gradOut, n, true, false);
        assertThat(paramValueGrad(params, "d/b")).containsExactly(
                java.util.Arrays.stream(expectedBiasGrad).map(v -> (double) (float) v).toArray());
        assertThat(dense.output().buffer().toDoubleArray()).containsExactly(reference.buffer().toDoubleArray());
    }

    private static double[] paramValueGrad(ParameterSet params, String name) {
        return params.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().grad()
                .toArray(1)[0];
    }

    private static Mat paramValue(ParameterSet params, String name) {
        return params.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().value();
    }
}
