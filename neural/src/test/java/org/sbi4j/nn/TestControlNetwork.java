package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestControlNetwork {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void backwardMatchesFiniteDifferences(boolean encoder) {
        UniformRandomProvider rng = GradientCheck.rng(encoder ? 5 : 6);
        int d = 3;
        int n = 4;
        ControlNetwork.Shape shape = encoder ? new ControlNetwork.Shape(d, 0, 5, 4, 6, 2)
                : new ControlNetwork.Shape(d, 2 + d, 0, 0, 6, 2);
        ControlNetwork net = new ControlNetwork(shape, Precision.FLOAT64, rng);
        ParameterSet params = net.parameters();
        // the output layer starts at zero; randomise everything so no gradient is trivially zero
        double[] values = new double[params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.8 * (2 * rng.nextDouble() - 1);
        }
        params.importValues(values);
        net.ensureCapacity(n);
        Mat state = GradientCheck.randomMat(Precision.FLOAT64, n, 1 + 2 * d, rng, 1.5);
        Mat signal = GradientCheck.randomMat(Precision.FLOAT64, n, shape.inputSignalDim(), rng, 1.5);
        Mat w = GradientCheck.randomMat(Precision.FLOAT64, n, d, rng, 1.0);

        params.zeroGradients();
        net.forward(state, signal, n);
        net.backward(w, n);
        DoubleSupplier loss = () -> GradientCheck.dot(w, net.forward(state, signal, n), n);
        GradientCheck.assertClose("control network (encoder " + encoder + ")",
                GradientCheck.slice(params.gradients(), 0, params.size()),
                GradientCheck.numeric(params.values(), 0, params.size(), loss));
    }

    @Test
    void startsAtZeroCorrectionAndRoundTrips() {
        UniformRandomProvider rng = GradientCheck.rng(9);
        ControlNetwork.Shape shape = new ControlNetwork.Shape(2, 0, 3, 4, 8, 2);
        ControlNetwork net = new ControlNetwork(shape, Precision.FLOAT32, rng);
        net.ensureCapacity(3);
        Mat state = GradientCheck.randomMat(Precision.FLOAT32, 3, 5, rng, 2.0);
        Mat signal = GradientCheck.randomMat(Precision.FLOAT32, 3, 6, rng, 2.0);
        Mat g = net.forward(state, signal, 3);
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 2; j++) {
                assertThat(g.get(r, j)).isZero();
            }
        }
        assertThat(ControlNetwork.Shape.decode(shape.encode())).isEqualTo(shape);
        assertThat(net.copy().parameters().exportDoubles()).containsExactly(net.parameters().exportDoubles());
        assertThatThrownBy(() -> new ControlNetwork.Shape(2, 3, 4, 4, 8, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlNetwork.Shape.decode("1,2"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
