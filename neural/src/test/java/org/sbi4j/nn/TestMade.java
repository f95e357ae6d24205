package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class TestMade {

    @Test
    void outputsOfFeatureDependOnlyOnEarlierFeatures() {
        UniformRandomProvider rng = GradientCheck.rng(5);
        int d = 4;
        int p = 3;
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        Made made = new Made(b, "made", d, 2, new int[] {10, 9}, p, Activation.TANH, 1.0);
        b.build(rng);
        Mat x = GradientCheck.randomMat(Precision.FLOAT64, 1, d, rng, 1);
        Mat c = GradientCheck.randomMat(Precision.FLOAT64, 1, 2, rng, 1);
        double[][] base = made.forward(x, c, 1).toArray(1);
        for (int j = 0; j < d; j++) {
            x.set(0, j, x.get(0, j) + 0.7);
            double[][] moved = made.forward(x, c, 1).toArray(1);
            x.set(0, j, x.get(0, j) - 0.7);
            for (int f = 0; f < d; f++) {
                for (int q = 0; q < p; q++) {
                    double delta = Math.abs(moved[0][f * p + q] - base[0][f * p + q]);
                    if (f <= j) {
                        assertThat(delta).as("output %d.%d must not depend on input %d", f, q, j).isZero();
                    } else if (j == f - 1) {
                        assertThat(delta).as("output %d.%d should depend on input %d", f, q, j).isPositive();
                    }
                }
            }
        }
        // context reaches every output
        c.set(0, 0, c.get(0, 0) + 0.5);
        double[][] moved = made.forward(x, c, 1).toArray(1);
        for (int k = 0; k < d * p; k++) {
            assertThat(moved[0][k]).isNotEqualTo(base[0][k]);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        UniformRandomProvider rng = GradientCheck.rng(7);
        int n = 4;
        int d = 3;
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        Made made = new Made(b, "made", d, 2, new int[] {8, 8}, 2, Activation.ELU, 1.0);
        ParameterSet params = b.build(rng);
        Mat x = GradientCheck.randomMat(Precision.FLOAT64, n, d, rng, 1);
        Mat c = GradientCheck.randomMat(Precision.FLOAT64, n, 2, rng, 1);
        Mat w = GradientCheck.randomMat(Precision.FLOAT64, n, d * 2, rng, 1);
        params.zeroGradients();
        made.forward(x, c, n);
        made.backward(w, n, true, true);
        java.util.function.DoubleSupplier loss = () -> GradientCheck.dot(w, made.forward(x, c, n), n);
        // masked weights have zero analytic gradient; finite differences agree because the forward applies the mask
        GradientCheck.assertClose("made params", GradientCheck.slice(params.gradients(), 0, params.size()),
                GradientCheck.numeric(params.values(), 0, params.size(), loss));
        GradientCheck.assertClose("made input", GradientCheck.slice(made.inputGrad().buffer(), 0, n * d),
                GradientCheck.numeric(x.buffer(), 0, n * d, loss));
        GradientCheck.assertClose("made context", GradientCheck.slice(made.contextGrad().buffer(), 0, n * 2),
                GradientCheck.numeric(c.buffer(), 0, n * 2, loss));
    }
}
