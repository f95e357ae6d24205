package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class TestRationalQuadraticSpline {

    private static final int K = 6;
    private static final double B = 3.0;

    private static Buffer randomParams(UniformRandomProvider rng, double scale) {
        int count = RationalQuadraticSpline.parameterCount(K);
        Buffer p = Buffer.allocate(Precision.FLOAT64, count);
        for (int i = 0; i < count; i++) {
            p.set(i, scale * (2 * rng.nextDouble() - 1));
        }
        return p;
    }

    @Test
    void zeroParametersGiveTheIdentity() {
        RationalQuadraticSpline spline = new RationalQuadraticSpline(K, B);
        Buffer p = Buffer.allocate(Precision.FLOAT64, RationalQuadraticSpline.parameterCount(K));
        for (double x = -4; x <= 4; x += 0.37) {
            assertThat(spline.forward(p, 0, x)).isCloseTo(x, offset(1e-12));
            assertThat(spline.logDet()).isCloseTo(0.0, offset(1e-12));
        }
    }

    @Test
    void inverseUndoesForwardAndIsMonotone() {
        UniformRandomProvider rng = GradientCheck.rng(1);
        RationalQuadraticSpline spline = new RationalQuadraticSpline(K, B);
        for (int trial = 0; trial < 50; trial++) {
            Buffer p = randomParams(rng, 3.0);
            double prev = Double.NEGATIVE_INFINITY;
            for (double x = -3.5; x <= 3.5; x += 0.01) {
                double y = spline.forward(p, 0, x);
                double l = spline.logDet();
                assertThat(y).isGreaterThan(prev);
                prev = y;
                double back = spline.inverse(p, 0, y);
                assertThat(back).isCloseTo(x, offset(1e-10));
                assertThat(spline.logDet()).isCloseTo(l, offset(1e-8));
            }
        }
    }

    @Test
    void logDetIsTheLogDerivative() {
        UniformRandomProvider rng = GradientCheck.rng(2);
        RationalQuadraticSpline spline = new RationalQuadraticSpline(K, B);
        double h = 1e-6;
        for (int trial = 0; trial < 200; trial++) {
            Buffer p = randomParams(rng, 2.0);
            double x = -3.2 + 6.4 * rng.nextDouble();
            spline.forward(p, 0, x);
            double l = spline.logDet();
            double fd = (spline.forward(p, 0, x + h) - spline.forward(p, 0, x - h)) / (2 * h);
            assertThat(Math.log(fd)).isCloseTo(l, offset(1e-6));
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        UniformRandomProvider rng = GradientCheck.rng(3);
        RationalQuadraticSpline spline = new RationalQuadraticSpline(K, B);
        int count = RationalQuadraticSpline.parameterCount(K);
        Buffer gp = Buffer.allocate(Precision.FLOAT64, count);
        for (int trial = 0; trial < 100; trial++) {
            Buffer p = randomParams(rng, 2.0);
            double x = -2.9 + 5.8 * rng.nextDouble();
            double a = rng.nextDouble() - 0.5;
            double b = rng.nextDouble() - 0.5;
            java.util.function.DoubleSupplier loss = () -> {
                double y = spline.forward(p, 0, x);
                return a * y + b * spline.logDet();
            };
            double gx = spline.backward(p, 0, x, a, b, gp, 0);
            GradientCheck.assertClose("spline params", GradientCheck.slice(gp, 0, count),
                    GradientCheck.numeric(p, 0, count, loss));
            double h = 1e-6;
            double fd = (lossAt(spline, p, x + h, a, b) - lossAt(spline, p, x - h, a, b)) / (2 * h);
            assertThat(gx).isCloseTo(fd, offset(1e-5 * Math.max(1, Math.abs(fd))));
        }
    }

    private static double lossAt(RationalQuadraticSpline s, Buffer p, double x, double a, double b) {
        double y = s.forward(p, 0, x);
        return a * y + b * s.logDet();
    }

    @Test
    void tailsAreTheIdentity() {
        UniformRandomProvider rng = GradientCheck.rng(4);
        RationalQuadraticSpline spline = new RationalQuadraticSpline(K, B);
        Buffer p = randomParams(rng, 2.0);
        Buffer gp = Buffer.allocate(Precision.FLOAT64, RationalQuadraticSpline.parameterCount(K));
        assertThat(spline.forward(p, 0, 5.0)).isEqualTo(5.0);
        assertThat(spline.logDet()).isZero();
        assertThat(spline.inverse(p, 0, -7.0)).isEqualTo(-7.0);
        assertThat(spline.backward(p, 0, 4.0, 0.3, 0.2, gp, 0)).isEqualTo(0.3);
        // continuity at the bounds
        assertThat(spline.forward(p, 0, B)).isCloseTo(B, offset(1e-12));
        assertThat(spline.forward(p, 0, -B)).isCloseTo(-B, offset(1e-12));
    }
}
