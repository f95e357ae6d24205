package org.sbi4j.simulators.mixtures;

import org.apache.commons.math3.special.Erf;

/**
 * Masses of the standard normal distribution on intervals, in log space and accurate to double precision
 * in the far tails (no underflow: the Mills ratio is evaluated by its continued fraction beyond |z| = 20).
 */
final class NormalTails {
    /** log √(2π). */
    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2);
    private static final double CONTINUED_FRACTION_FROM = 20;
    private static final int CONTINUED_FRACTION_TERMS = 80;

    private NormalTails() {
    }

    /**
     * The log Mills ratio log(Φ̄(z) / φ(z)) for z ≥ 0, where Φ̄ = 1 − Φ and φ is the standard normal density.
     *
     * @param z a non-negative point (may be +∞)
     * @return the log ratio; {@code -∞} at z = +∞
     */
    static double logMillsRatio(double z) {
        if (z == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (z < CONTINUED_FRACTION_FROM) {
            return Math.log(0.5 * Erf.erfc(z / SQRT2)) + 0.5 * z * z + LOG_SQRT_2PI;
        }
        // R(z) = 1 / (z + 1 / (z + 2 / (z + 3 / (z + ...)))), evaluated from the tail; converges fast for z ≥ 20
        double t = z;
        for (int k = CONTINUED_FRACTION_TERMS; k >= 1; k--) {
            t = z + k / t;
        }
        return -Math.log(t);
    }

    /**
     * log Φ̄(z) = log P(Z &gt; z) for a standard normal Z.
     *
     * @param z any point
     * @return the log upper-tail probability
     */
    static double logUpperTail(double z) {
        if (z >= 0) {
            return logMillsRatio(z) - 0.5 * z * z - LOG_SQRT_2PI;
        }
        return Math.log1p(-0.5 * Erf.erfc(-z / SQRT2));
    }

    /**
     * log ∫ₐᵇ exp(−(z² − m²)/2) dz, where m is the point of [a, b] closest to 0: the Gaussian integral scaled
     * by its largest value on the interval, so it never underflows.
     *
     * @param a lower end (may be −∞)
     * @param b upper end, at least a (may be +∞)
     * @return the scaled log mass ({@code -∞} when a = b)
     */
    static double logScaledMass(double a, double b) {
        if (!(a <= b)) {
            throw new IllegalArgumentException("empty interval [" + a + ", " + b + "]");
        }
        if (a == b) {
            return Double.NEGATIVE_INFINITY;
        }
        if (a >= 0) {
            return rightScaledMass(a, b);
        }
        if (b <= 0) {
            return rightScaledMass(-b, -a);
        }
        double outside = 0.5 * Erf.erfc(-a / SQRT2) + 0.5 * Erf.erfc(b / SQRT2);
        return LOG_SQRT_2PI + Math.log1p(-outside);
    }

    /**
     * log(Φ(b) − Φ(a)), the log probability that a standard normal falls in [a, b].
     *
     * @param a lower end (may be −∞)
     * @param b upper end, at least a (may be +∞)
     * @return the log mass
     */
    static double logMass(double a, double b) {
        double m = a >= 0 ? a : (b <= 0 ? b : 0);
        return logScaledMass(a, b) - 0.5 * m * m - LOG_SQRT_2PI;
    }

    private static double rightScaledMass(double a, double b) {
        double logA = logMillsRatio(a);
        if (b == Double.POSITIVE_INFINITY) {
            return logA;
        }
        double logRatio = logMillsRatio(b) - logA - 0.5 * (b - a) * (b + a);
        return logA + Math.log1p(-Math.exp(logRatio));
    }
}
