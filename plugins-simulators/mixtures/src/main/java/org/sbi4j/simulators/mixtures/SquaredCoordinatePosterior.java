package org.sbi4j.simulators.mixtures;

import java.util.TreeSet;

/**
 * The posterior of one coordinate of the {@code sign-symmetric} task: θ ~ U(−B, B) and x = θ² + σε, so
 * p(θ | x) ∝ exp(−(θ² − x)² / (2σ²)) on [−B, B], symmetric in θ with peaks at ±p, p = clamp(√x, 0, B).
 *
 * <p>The normalising constant 2∫₀ᴮ exp(−(u² − x)²/(2σ²)) du has no closed form; it is computed by adaptive
 * Gauss–Kronrod quadrature to a relative error estimate of 1e-13 (so log-density error ≪ 1e-10). All
 * exponents are taken relative to the peak value, so nothing underflows however far x lies from the box.
 */
final class SquaredCoordinatePosterior {
    private static final double QUADRATURE_TOLERANCE = 1e-13;
    private static final int MAX_SEGMENTS = 4000;

    private final double observation;
    private final double sd;
    private final double bound;
    private final double peak;
    private final double logHalfNormaliser;

    /**
     * @param observation x
     * @param sd σ
     * @param bound B
     */
    SquaredCoordinatePosterior(double observation, double sd, double bound) {
        this.observation = observation;
        this.sd = sd;
        this.bound = bound;
        this.peak = observation <= 0 ? 0 : Math.min(Math.sqrt(observation), bound);
        double integral = GaussKronrod.integrate(u -> Math.exp(relativeExponent(u)), breakpoints(),
                QUADRATURE_TOLERANCE, MAX_SEGMENTS);
        this.logHalfNormaliser = Math.log(integral);
    }

    /**
     * −[(u² − x)² − (p² − x)²] / (2σ²) = log of the unnormalised density relative to its peak (≤ 0 on [−B, B]).
     *
     * @param u a point of [−B, B]
     * @return the relative log density
     */
    double relativeExponent(double u) {
        double pp = peak * peak;
        double uu = u * u;
        return -(uu - pp) * (uu + pp - 2 * observation) / (2 * sd * sd);
    }

    /**
     * The normalised log density.
     *
     * @param theta the coordinate
     * @return log p(θ | x); {@code -∞} outside [−B, B]
     */
    double logDensity(double theta) {
        if (!(theta >= -bound && theta <= bound)) {
            return Double.NEGATIVE_INFINITY;
        }
        return relativeExponent(theta) - logHalfNormaliser - Math.log(2);
    }

    /** log ∫₀ᴮ exp(relativeExponent(u)) du. */
    double logHalfNormaliser() {
        return logHalfNormaliser;
    }

    /** x. */
    double observation() {
        return observation;
    }

    /** σ. */
    double sd() {
        return sd;
    }

    /** B. */
    double bound() {
        return bound;
    }

    /** Where the density of |θ| peaks: clamp(√x, 0, B). */
    double peak() {
        return peak;
    }

    /**
     * Starting intervals for the quadrature: geometrically growing steps away from the peak, from a small
     * fraction of its local width (curvature, slope or the quartic width at x = 0, whichever is narrowest).
     */
    private double[] breakpoints() {
        double variance = sd * sd;
        double slope = Math.abs(2 * peak * (peak * peak - observation) / variance);
        double curvature = Math.abs((6 * peak * peak - 2 * observation) / variance);
        double width = Math.sqrt(Math.sqrt(2 * variance));
        if (curvature > 0) {
            width = Math.min(width, 1 / Math.sqrt(curvature));
        }
        if (slope > 0) {
            width = Math.min(width, 1 / slope);
        }
        double step = Math.max(width / 16, Double.MIN_NORMAL);
        TreeSet<Double> points = new TreeSet<>();
        points.add(0.0);
        points.add(bound);
        points.add(peak);
        for (double d = step; d < bound; d *= 2) {
            if (peak - d > 0) {
                points.add(peak - d);
            }
            if (peak + d < bound) {
                points.add(peak + d);
            }
        }
        double[] out = new double[points.size()];
        int i = 0;
        for (double p : points) {
            out[i++] = p;
        }
        return out;
    }
}
