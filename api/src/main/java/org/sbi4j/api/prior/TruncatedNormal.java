package org.sbi4j.api.prior;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The normal distribution N(mean, sd²) restricted to [low, high], either end possibly infinite: exact draws,
 * the log mass of the interval and the normalised log density.
 *
 * <p>Draws are exact rejection samplers after Robert (1995, "Simulation of truncated normal variables",
 * Statistics and Computing 5:121–125), chosen by where the standardised interval [a, b] lies: the normal
 * itself when [a, b] holds the origin and is wider than √(2π); a uniform proposal when it holds the origin
 * and is narrower, or lies on one side with (b − a)(b + a) ≤ 2; otherwise a translated exponential with the
 * optimal rate. Every branch accepts at least about 37% of its proposals, also far in the tails and on very
 * narrow intervals.
 *
 * <p>Masses are computed in log space from the scaled complementary error function (Cody's 1969 rational
 * approximations), so that intervals in the far tails (e.g. [40, 41] for N(0, 1)) neither underflow nor
 * lose their relative accuracy; very narrow intervals use Simpson's rule on the scaled density.
 */
public final class TruncatedNormal {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2);
    private static final double INV_SQRT_PI = 0.56418958354775628695;
    /** Below this (b − a)(1 + max(|a|, |b|)) Simpson's rule is exact to double precision. */
    private static final double NARROW = 1e-4;
    /** Cody's erf on [0, 0.46875]. */
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    /** Cody's scaled erfc on [0.46875, 4]. */
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    /** Cody's scaled erfc beyond 4. */
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private TruncatedNormal() {
    }

    /**
     * One exact draw of X ~ N(mean, sd²) conditioned on low ≤ X ≤ high.
     *
     * @param mean the mean, finite
     * @param sd the standard deviation, positive and finite
     * @param low lower end (may be −∞)
     * @param high upper end, at least {@code low} (may be +∞)
     * @param rng the source of randomness
     * @return the draw, inside [low, high]
     */
    public static double sample(double mean, double sd, double low, double high, UniformRandomProvider rng) {
        check(mean, sd, low, high);
        double z = sampleStandard((low - mean) / sd, (high - mean) / sd, rng);
        // rounding in mean + sd·z must not leave the interval
        return Math.min(Math.max(mean + sd * z, low), high);
    }

    /**
     * log P(low ≤ X ≤ high) for X ~ N(mean, sd²), accurate also far in the tails and on narrow intervals.
     *
     * @param mean the mean, finite
     * @param sd the standard deviation, positive and finite
     * @param low lower end (may be −∞)
     * @param high upper end, at least {@code low} (may be +∞)
     * @return the log mass; −∞ when low = high
     */
    public static double logMass(double mean, double sd, double low, double high) {
        check(mean, sd, low, high);
        return logStandardMass((low - mean) / sd, (high - mean) / sd);
    }

    /**
     * Log density of N(mean, sd²) truncated to [low, high] at x, normalised by the mass of the interval.
     *
     * @param x the point
     * @param mean the mean, finite
     * @param sd the standard deviation, positive and finite
     * @param low lower end (may be −∞)
     * @param high upper end, greater than {@code low} (may be +∞)
     * @return the log density; −∞ outside [low, high]
     */
    public static double logDensity(double x, double mean, double sd, double low, double high) {
        check(mean, sd, low, high);
        if (!(x >= low && x <= high)) {
            return Double.NEGATIVE_INFINITY;
        }
        return Gaussian.logDensity(x, mean, sd) - logStandardMass((low - mean) / sd, (high - mean) / sd);
    }

    private static void check(double mean, double sd, double low, double high) {
        if (!Double.isFinite(mean) || !(sd > 0) || sd == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("truncated normal needs a finite mean and a positive finite sd, got "
                    + mean + ", " + sd);
        }
        if (!(low <= high)) {
            throw new IllegalArgumentException("empty truncation interval [" + low + ", " + high + "]");
        }
    }

    /** A draw of Z ~ N(0, 1) conditioned on a ≤ Z ≤ b. */
    private static double sampleStandard(double a, double b, UniformRandomProvider rng) {
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
            double z = Gaussian.next(rng);
            if (z >= a && z <= b) {
                return z;
            }
        }
    }

    /** A draw on [a, b] with 0 ≤ a ≤ b. */
    private static double sampleRightOfOrigin(double a, double b, UniformRandomProvider rng) {
        if ((b - a) * (b + a) <= 2) {
            // uniform proposal, accepted with probability exp(−(z² − a²)/2) ≥ e⁻¹
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

    /** log(Φ(b) − Φ(a)) for the standard normal, a ≤ b. */
    private static double logStandardMass(double a, double b) {
        if (a == b) {
            return Double.NEGATIVE_INFINITY;
        }
        if (b <= 0) {
            return logStandardMass(-b, -a);
        }
        double m = a >= 0 ? a : 0;
        if ((b - a) * (1 + Math.max(-a, b)) < NARROW) {
            // Simpson's rule on exp(−(z² − m²)/2); relative error below ((b − a)(1 + |z|))⁴ / 2880
            double mid = 0.5 * (a + b);
            double sum = scaledDensity(a, m) + 4 * scaledDensity(mid, m) + scaledDensity(b, m);
            return Math.log((b - a) / 6 * sum) - 0.5 * m * m - Gaussian.LOG_SQRT_2PI;
        }
        if (a < 0) {
            // Φ(b) − Φ(a) = (erf(b/√2) + erf(−a/√2)) / 2, a sum of positives
            return Math.log(0.5 * (erf(b / SQRT2) + erf(-a / SQRT2)));
        }
        // 0 ≤ a < b: Φ̄(a) − Φ̄(b) = Φ̄(a)·(1 − r), r = Φ̄(b)/Φ̄(a) from the scaled erfc without underflow
        double scaledA = erfcx(a / SQRT2);
        double r = b == Double.POSITIVE_INFINITY ? 0
                : erfcx(b / SQRT2) / scaledA * Math.exp(-0.5 * (b - a) * (b + a));
        return Math.log(0.5 * scaledA) + Math.log1p(-r) - 0.5 * a * a;
    }

    private static double scaledDensity(double z, double m) {
        return Math.exp(-0.5 * (z - m) * (z + m));
    }

    /** erf(y) for y ≥ 0 (may be +∞). */
    private static double erf(double y) {
        if (y <= 0.46875) {
            double ysq = y * y;
            double num = A[4] * ysq;
            double den = ysq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * ysq;
                den = (den + B[i]) * ysq;
            }
            return y * (num + A[3]) / (den + B[3]);
        }
        if (y == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return 1 - erfcx(y) * expMinusSquare(y);
    }

    /** exp(−y²), with y² split as in Cody's code so that its rounding error is not amplified. */
    private static double expMinusSquare(double y) {
        double head = Math.floor(16 * y) / 16;
        return Math.exp(-head * head) * Math.exp(-(y - head) * (y + head));
    }

    /** The scaled complementary error function exp(y²)·erfc(y) for y ≥ 0 (may be +∞, giving 0). */
    private static double erfcx(double y) {
        if (y <= 0.46875) {
            return Math.exp(y * y) * (1 - erf(y));
        }
        if (y <= 4) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            return (num + C[7]) / (den + D[7]);
        }
        if (y == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double z = 1 / (y * y);
        double num = P[5] * z;
        double den = z;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * z;
            den = (den + Q[i]) * z;
        }
        return (INV_SQRT_PI - z * (num + P[4]) / (den + Q[4])) / y;
    }
}
