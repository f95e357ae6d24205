package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TestDense {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesFiniteDifferences(Activation activation) {
        checkMlp(activation, false);
        checkMlp(activation, true);
    }

    private static void checkMlp(Activation activation, boolean withContext) {
        UniformRandomProvider rng = GradientCheck.rng(11 + activation.ordinal());
        int n = 5;
        int in = 3;
        int ctx = withContext ? 2 : 0;
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        Mlp mlp = new Mlp(b, "mlp", in, ctx, new int[] {7, 6}, 4, activation, activation, 1.0);
        ParameterSet params = b.build(rng);
        Mat x = GradientCheck.randomMat(Precision.FLOAT64, n, in, rng, 1.5);
        Mat c = withContext ? GradientCheck.randomMat(Precision.FLOAT64, n, ctx, rng, 1.5) : null;
        Mat w = GradientCheck.randomMat(Precision.FLOAT64, n, 4, rng, 1.0);

        params.zeroGradients();
        mlp.forward(x, c, n);
        mlp.backward(w, n, true, true);
        java.util.function.DoubleSupplier loss = () -> GradientCheck.dot(w, mlp.forward(x, c, n), n);

        GradientCheck.assertClose(activation + " params", GradientCheck.slice(params.gradients(), 0, params.size()),
                GradientCheck.numeric(params.values(), 0, params.size(), loss));
        double[] dx = GradientCheck.slice(mlp.inputGrad().buffer(), 0, n * in);
        GradientCheck.assertClose(activation + " input", dx, GradientCheck.numeric(x.buffer(), 0, n * in, loss));
        if (withContext) {
            double[] dc = GradientCheck.slice(mlp.contextGrad().buffer(), 0, n * ctx);
            GradientCheck.assertClose(activation + " context", dc, GradientCheck.numeric(c.buffer(), 0, n * ctx, loss));
        }
    }

    @Test
    void float32AndFloat64AgreeAndGemmIsCorrect() {
        UniformRandomProvider rng = GradientCheck.rng(3);
        Mat a = GradientCheck.randomMat(Precision.FLOAT64, 4, 3, rng, 1);
        Mat bm = GradientCheck.randomMat(Precision.FLOAT64, 3, 5, rng, 1);
        Mat c = Mat.zeros(Precision.FLOAT64, 4, 5);
        Blas.gemm(false, false, 4, 5, 3, 1.0, a, bm, 0.0, c);
        Mat a32 = Mat.of(Precision.FLOAT32, a.toArray(4));
        Mat b32 = Mat.of(Precision.FLOAT32, bm.toArray(3));
        Mat c32 = Mat.zeros(Precision.FLOAT32, 4, 5);
        Blas.gemm(false, false, 4, 5, 3, 1.0, a32, b32, 0.0, c32);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += a.get(i, k) * bm.get(k, j);
                }
                assertThat(c.get(i, j)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-14));
                assertThat(c32.get(i, j)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        // transposed operands, accumulation (beta = 1) into an offset view
        Buffer big = Buffer.allocate(Precision.FLOAT64, 100);
        Mat cv = new Mat(big, 7, 5, 4);
        Blas.gemm(true, false, 5, 4, 3, 1.0, bm, a.buffer() == null ? null : transposeOf(a), 0.0, cv);
        Blas.gemm(true, false, 5, 4, 3, 1.0, bm, transposeOf(a), 1.0, cv);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(cv.get(i, j)).isCloseTo(2 * c.get(j, i), org.assertj.core.data.Offset.offset(1e-13));
            }
        }
        assertThat(big.get(6)).isZero();
        assertThat(NeuralRuntime.blasThreads()).isEqualTo(1);
        // the ND4J view shares the memory
        org.nd4j.linalg.api.ndarray.INDArray view = big.asINDArray();
        assertThat(view.length()).isEqualTo(100);
        assertThat(view.getDouble(7)).isEqualTo(cv.get(0, 0));
        view.putScalar(99, 4.5);
        assertThat(big.get(99)).isEqualTo(4.5);
    }

    private static Mat transposeOf(Mat a) {
        Mat t = Mat.zeros(a.precision(), a.cols(), a.rows());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                t.set(j, i, a.get(i, j));
            }
        }
        return t;
    }
}
