package org.sbi4j.api.prior;

import org.apache.commons.rng.UniformRandomProvider;

/** Standard normal draws from a uniform generator (Marsaglia's polar method), for the stock priors. */
public final class Gaussian {
    /** log √(2π), the log normaliser of the standard normal density. */
    public static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private Gaussian() {
    }

    /**
     * One standard normal draw.
     *
     * @param rng the source of randomness
     * @return a draw from N(0, 1)
     */
    public static double next(UniformRandomProvider rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /**
     * Log density of N(mean, sd²) at x.
     *
     * @param x the point
     * @param mean the mean
     * @param sd the standard deviation, positive
     * @return the log density
     */
    public static double logDensity(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return -0.5 * z * z - Math.log(sd) - LOG_SQRT_2PI;
    }
}
