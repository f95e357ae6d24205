package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The float32 GELU kernel against the double formulas of {@link Activation#GELU}. */
class TestGeluKernel {

    private static final int N = 240_001;

    /** A grid over [−12, 12] plus values far out, where tanh saturates (and x³ is large). */
    private static float[] grid() {
        float[] x = new float[N + 6];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (-12.0 + 24.0 * i / (N - 1));
        }
        x[N] = 1e4f;
        x[N + 1] = -1e4f;
        x[N + 2] = 0f;
        x[N + 3] = Float.MIN_NORMAL;
        x[N + 4] = 3e7f;
        x[N + 5] = Float.NaN;
        return x;
    }

    @Test
    void tanhIsWithinAFewFloatUlpsEverywhereAndSaturatesToOne() {
        float[] x = grid();
        float[] y = x.clone();
        GeluKernel.tanh(y, y.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isNaN(x[i])) {
                worst = Math.max(worst, Math.abs(y[i] - Math.tanh(x[i])));
                assertThat(Math.abs(y[i])).as("x = " + x[i]).isLessThanOrEqualTo(1f);
            }
        }
        // the Padé form is good to 4e-8 in exact arithmetic; float Horner and division add ~1e-6 at most
        assertThat(worst).isLessThan(1e-6).isGreaterThan(0.0);
        assertThat(y[N]).isEqualTo(1f);
        assertThat(y[N + 1]).isEqualTo(-1f);
        assertThat(y[N + 2]).isZero();
        assertThat(y[N + 4]).isEqualTo(1f);
        assertThat(y[N + 5]).isNaN();
    }

    @Test
    void geluAndItsDerivativeMatchTheDoubleFormulas() {
        float[] u = grid();
        int len = u.length;
        float[] a = new float[len];
        float[] t = new float[len];
        GeluKernel.forward(u, a, t, len);
        GeluKernel.derivative(u, t, len);
        double worstValue = 0;
        double worstSlope = 0;
        for (int i = 0; i < len - 1; i++) {
            double x = u[i];
            double th = Math.tanh(Activation.GELU_C * (x + Activation.GELU_A * x * x * x));
            double value = 0.5 * x * (1 + th);
            double slope = 0.5 * (1 + th)
                    + 0.5 * x * (1 - th * th) * Activation.GELU_C * (1 + 3 * Activation.GELU_A * x * x);
            // relative to the size of the terms (|x| for the value, 1 + |x| for the slope)
            worstValue = Math.max(worstValue, Math.abs(a[i] - value) / Math.max(1, Math.abs(x)));
            worstSlope = Math.max(worstSlope, Math.abs(t[i] - slope) / (1 + Math.abs(x)));
        }
        assertThat(Float.isNaN(a[len - 1]) && Float.isNaN(t[len - 1])).isTrue();
        assertThat(worstValue).isLessThan(1e-6);
        assertThat(worstSlope).isLessThan(2e-6);
    }
}
