package org.sbi4j.simulators.benchmarks;

import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Exact Binomial(n, p) draws by inversion of the distribution function, allocation-free: from 0 when the
 * mean n·min(p, 1−p) is small, otherwise by searching outward from the mode, which costs about one step per
 * standard deviation.
 */
final class BinomialSampler {
    private static final double MODE_SEARCH_MIN_MEAN = 20;

    private BinomialSampler() {
    }

    /**
     * One draw.
     *
     * @param trials n ≥ 0
     * @param p success probability in [0, 1]
     * @param rng randomness
     * @return the number of successes
     */
    static int sample(int trials, double p, UniformRandomProvider rng) {
        if (p <= 0 || trials == 0) {
            return 0;
        }
        if (p >= 1) {
            return trials;
        }
        boolean flip = p > 0.5;
        double q = flip ? 1 - p : p;
        int k = trials * q < MODE_SEARCH_MIN_MEAN ? fromZero(trials, q, rng) : fromMode(trials, q, rng);
        return flip ? trials - k : k;
    }

    private static int fromZero(int n, double q, UniformRandomProvider rng) {
        double odds = q / (1 - q);
        double first = Math.exp(n * Math.log1p(-q));
        while (true) {
            double u = rng.nextDouble();
            double f = first;
            for (int k = 0; k <= n; k++) {
                if (u < f) {
                    return k;
                }
                u -= f;
                f *= odds * (n - k) / (k + 1);
            }
            // rounding left u beyond the total mass: draw again
        }
    }

    private static int fromMode(int n, double q, UniformRandomProvider rng) {
        double odds = q / (1 - q);
        int mode = (int) Math.floor((n + 1) * q);
        double atMode = Math.exp(logChoose(n, mode) + mode * Math.log(q) + (n - mode) * Math.log1p(-q));
        while (true) {
            double u = rng.nextDouble();
            if (u < atMode) {
                return mode;
            }
            u -= atMode;
            int low = mode;
            int high = mode;
            double fLow = atMode;
            double fHigh = atMode;
            while (low > 0 || high < n) {
                if (low > 0) {
                    fLow *= low / (odds * (n - low + 1));
                    low--;
                    if (u < fLow) {
                        return low;
                    }
                    u -= fLow;
                }
                if (high < n) {
                    fHigh *= odds * (n - high) / (high + 1);
                    high++;
                    if (u < fHigh) {
                        return high;
                    }
                    u -= fHigh;
                }
            }
        }
    }

    /**
     * log C(n, k).
     *
     * @param n trials
     * @param k successes, 0 ≤ k ≤ n
     * @return the log binomial coefficient
     */
    static double logChoose(int n, int k) {
        return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
    }
}
