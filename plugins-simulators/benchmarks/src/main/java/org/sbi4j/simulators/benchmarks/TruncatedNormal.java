package org.sbi4j.simulators.benchmarks;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/** A univariate normal N(mean, sd²) restricted to an interval [low, high]: its mass, density and draws. */
final class TruncatedNormal {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Below this mass, rejection from the untruncated normal is replaced by inversion. */
    private static final double REJECTION_MIN_MASS = 0.05;

    private TruncatedNormal() {
    }

    /**
     * P(low ≤ X ≤ high) for X ~ N(mean, sd²), computed from the tail nearer to the interval so that it
     * stays accurate far from the mean.
     */
    static double mass(double mean, double sd, double low, double high) {
        double a = (low - mean) / (sd * SQRT2);
        double b = (high - mean) / (sd * SQRT2);
        if (a > 0) {
            return 0.5 * (Erf.erfc(a) - Erf.erfc(b));
        }
        if (b < 0) {
            return 0.5 * (Erf.erfc(-b) - Erf.erfc(-a));
        }
        return 1 - 0.5 * Erf.erfc(-a) - 0.5 * Erf.erfc(b);
    }

    /** Log density of N(mean, sd²), not truncated. */
    static double logNormalDensity(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return -0.5 * z * z - Math.log(sd) - LOG_SQRT_2PI;
    }

    /**
     * One draw: rejection from the normal when the interval holds at least 5% of its mass, otherwise
     * inversion of the normal distribution function on the side of the nearer tail.
     *
     * @param mass {@link #mass} of the same arguments, precomputed by the caller
     */
    static double sample(double mean, double sd, double low, double high, double mass,
                         NormalizedGaussianSampler normal, UniformRandomProvider rng) {
        if (mass >= REJECTION_MIN_MASS) {
            while (true) {
                double x = mean + sd * normal.sample();
                if (x >= low && x <= high) {
                    return x;
                }
            }
        }
        // flip so that the interval lies where the lower tail of the standard normal is accurate
        boolean flip = low > mean;
        double a = flip ? (mean - high) / sd : (low - mean) / sd;
        double b = flip ? (mean - low) / sd : (high - mean) / sd;
        double pa = 0.5 * Erf.erfc(-a / SQRT2);
        double pb = 0.5 * Erf.erfc(-b / SQRT2);
        double p = pa + (pb - pa) * rng.nextDouble();
        double z = -SQRT2 * Erf.erfcInv(2 * p);
        z = Math.min(Math.max(z, a), b);
        return flip ? mean - sd * z : mean + sd * z;
    }
}
