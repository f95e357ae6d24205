package org.sbi4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.assertj.core.data.Offset;

/** Central finite differences, to check analytic gradients in the contracts. */
public final class FiniteDifferences {
    /** The step, relative to max(1, |θⱼ|). */
    public static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    /**
     * Asserts that {@code gradient} matches the central differences of {@code f} at {@code theta}, within
     * {@code tolerance · (1 + |difference|)} per coordinate. A coordinate where f is not finite at θ ± h (a step
     * across the edge of a support) is skipped.
     *
     * @param what what is checked, for the message
     * @param f the function
     * @param theta the point (not modified)
     * @param gradient the analytic gradient at {@code theta}
     * @param tolerance the relative tolerance
     */
    public static void assertGradient(String what, ToDoubleFunction<double[]> f, double[] theta, double[] gradient,
                                      double tolerance) {
        assertThat(gradient).as("%s: gradient length", what).hasSameSizeAs(theta);
        for (int j = 0; j < theta.length; j++) {
            double h = STEP * Math.max(1, Math.abs(theta[j]));
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += h;
            minus[j] -= h;
            double fp = f.applyAsDouble(plus);
            double fm = f.applyAsDouble(minus);
            if (!Double.isFinite(fp) || !Double.isFinite(fm)) {
                continue;
            }
            double difference = (fp - fm) / (2 * h);
            assertThat(gradient[j]).as("%s: ∂/∂θ[%d] at %s (central difference %s)", what, j,
                    Arrays.toString(theta), difference)
                    .isCloseTo(difference, Offset.offset(tolerance * (1 + Math.abs(difference))));
        }
    }
}
