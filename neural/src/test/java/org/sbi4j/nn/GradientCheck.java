package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Central finite differences in float64, and the comparison used by every gradient test. */
final class GradientCheck {

    static final double STEP = 1e-6;
    static final double TOLERANCE = 1e-5;

    private GradientCheck() {
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** Central differences of {@code loss} with respect to elements {@code [0, count)} of {@code buffer}. */
    static double[] numeric(Buffer buffer, int from, int count, DoubleSupplier loss) {
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            int k = from + i;
            double v = buffer.get(k);
            buffer.set(k, v + STEP);
            double up = loss.getAsDouble();
            buffer.set(k, v - STEP);
            double down = loss.getAsDouble();
            buffer.set(k, v);
            g[i] = (up - down) / (2 * STEP);
        }
        return g;
    }

    static double[] slice(Buffer buffer, int from, int count) {
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            g[i] = buffer.get(from + i);
        }
        return g;
    }

    /** Relative error ‖a − f‖ / max(‖a‖, ‖f‖). */
    static double relativeError(double[] analytic, double[] numeric) {
        double diff = 0;
        double na = 0;
        double nf = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            na += analytic[i] * analytic[i];
            nf += numeric[i] * numeric[i];
        }
        return Math.sqrt(diff) / Math.max(1e-300, Math.max(Math.sqrt(na), Math.sqrt(nf)));
    }

    static void assertClose(String what, double[] analytic, double[] numeric) {
        double norm = 0;
        for (double v : numeric) {
            norm = Math.max(norm, Math.abs(v));
        }
        assertThat(norm).as(what + ": finite differences are all ~0, the check would be vacuous").isGreaterThan(1e-6);
        assertThat(relativeError(analytic, numeric)).as(what + " relative error").isLessThan(TOLERANCE);
        for (int i = 0; i < analytic.length; i++) {
            double tol = TOLERANCE * Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])) + 1e-7;
            assertThat(Math.abs(analytic[i] - numeric[i])).as(what + " element " + i + " analytic " + analytic[i]
                    + " numeric " + numeric[i]).isLessThanOrEqualTo(tol);
        }
    }

    static Mat randomMat(Precision p, int rows, int cols, UniformRandomProvider rng, double scale) {
        Mat m = Mat.zeros(p, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.buffer().set(i, scale * (2 * rng.nextDouble() - 1));
        }
        return m;
    }

    /** Σ weights ⊙ out over the first n rows. */
    static double dot(Mat weights, Mat out, int n) {
        double s = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < out.cols(); c++) {
                s += weights.get(r, c) * out.get(r, c);
            }
        }
        return s;
    }
}
