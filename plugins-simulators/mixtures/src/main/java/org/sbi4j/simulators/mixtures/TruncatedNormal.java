package org.sbi4j.simulators.mixtures;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/**
 * Exact draws from the standard normal distribution truncated to [a, b], by rejection (Robert, 1995): a
 * normal or uniform proposal when the interval holds the origin, a uniform or a translated-exponential
 * proposal in a tail. Every branch accepts at least about 37% of its proposals, also far in the tails.
 */
final class TruncatedNormal {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private TruncatedNormal() {
    }

    /**
     * One draw of Z ~ N(0, 1) conditioned on a ≤ Z ≤ b.
     *
     * @param a lower end (may be −∞)
     * @param b upper end, at least a (may be +∞)
     * @param rng the source of uniforms
     * @param normal standard normals drawn from {@code rng}
     * @return the draw, inside [a, b]
     */
    static double sample(double a, double b, UniformRandomProvider rng, NormalizedGaussianSampler normal) {
        if (!(a <= b)) {
            throw new IllegalArgumentException("empty truncation interval [" + a + ", " + b + "]");
        }
        if (a >= 0) {
            return sampleRightOfOrigin(a, b, rng);
        }
        if (b <= 0) {
            return -sampleRightOfOrigin(-b, -a, rng);
        }
        if (b - a < SQRT_2PI) {
            // uniform proposal, accepted with probability exp(−z²/2); acceptance ≥ 0.49
            while (true) {
                double z = a + (b - a) * rng.nextDouble();
                if (rng.nextDouble() < Math.exp(-0.5 * z * z)) {
                    return z;
                }
            }
        }
        // the interval holds the origin and is wider than √(2π): at least 49% of the normal mass is inside
        while (true) {
            double z = normal.sample();
            if (z >= a && z <= b) {
                return z;
            }
        }
    }

    /** A draw on [a, b] with 0 ≤ a ≤ b. */
    private static double sampleRightOfOrigin(double a, double b, UniformRandomProvider rng) {
        if ((b - a) * (b + a) <= 2) {
            // uniform proposal, accepted with probability exp(−(z² − a²)/2) ≥ e^{-1}
            while (true) {
                double z = a + (b - a) * rng.nextDouble();
                if (rng.nextDouble() < Math.exp(-0.5 * (z - a) * (z + a))) {
                    return z;
                }
            }
        }
        // translated exponential with the optimal rate; proposals beyond b are rejected (acceptance ≥ 0.48)
        double rate = 0.5 * (a + Math.sqrt(a * a + 4));
        while (true) {
            double z = a - Math.log1p(-rng.nextDouble()) / rate;
            if (z > b) {
                continue;
            }
            double d = z - rate;
            if (rng.nextDouble() < Math.exp(-0.5 * d * d)) {
                return z;
            }
        }
    }
}
