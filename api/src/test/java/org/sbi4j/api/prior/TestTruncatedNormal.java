package org.sbi4j.api.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbi4j.testing.SeededRandom;

class TestTruncatedNormal {
    private static final int DRAWS = 40_000;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * Every branch of the sampler (normal, uniform around 0, uniform and exponential in each tail, far tails)
     * against the exact truncated-normal CDF: Kolmogorov–Smirnov distance below 1.95/√n (the 0.1% critical
     * value is 1.95/√n), and the mean within 4 standard errors of its closed form.
     */
    @ParameterizedTest
    @CsvSource({
        "-3, 3", "-0.5, 1.5", "-0.01, 2.4", "-1, 2.6", "0, 1", "0.2, 5", "2, 2.3", "3, Infinity",
        "-Infinity, -2", "-6, -5.5", "40, 41", "38, 38.01", "-1000, -999", "-Infinity, Infinity",
        "5, Infinity", "-Infinity, -5", "-1e-6, 1e-6", "0.3, 0.3001"})
    void standardDrawsFollowTheTruncatedNormal(double a, double b) {
        UniformRandomProvider rng = SeededRandom.of(Double.hashCode(a) * 31L + Double.hashCode(b));
        double[] draws = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = TruncatedNormal.sample(0, 1, a, b, rng);
            assertThat(draws[i]).isBetween(a, b);
        }
        assertThat(ksDistance(draws, 0, 1, a, b)).as("KS distance on [%s, %s]", a, b)
                .isLessThan(1.95 / Math.sqrt(DRAWS));
        double mean = Arrays.stream(draws).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(draws).map(z -> (z - mean) * (z - mean)).sum() / DRAWS);
        double expected = truncatedMean(0, 1, a, b);
        assertThat(Math.abs(mean - expected)).as("mean on [%s, %s]", a, b)
                .isLessThanOrEqualTo(4 * sd / Math.sqrt(DRAWS) + 1e-12 * Math.abs(expected));
    }

    /**
     * Sample mean and variance of N(mean, sd²) draws against the closed-form truncated-normal moments, within
     * 4.5 standard errors: in the bulk, far in either tail, one-sided both ways and on a narrow interval.
     */
    @ParameterizedTest
    @CsvSource({
        "2, 3, -1, 8",             // bulk, two-sided
        "2, 3, 17, Infinity",      // [5, ∞) in standard units: far upper tail
        "2, 3, -Infinity, -13",    // (−∞, −5]: far lower tail
        "0, 1, 5, Infinity",
        "-1, 0.5, -0.8, Infinity", // one-sided upwards, in the bulk
        "-1, 0.5, -Infinity, -1.4", // one-sided downwards
        "0, 1, 0.3, 0.3001",       // narrow
        "10, 2, 10.5, 10.5002",    // narrow, off centre
        "0, 1, 12, 12.5"})         // far tail, two-sided
    void momentsMatchTheClosedForms(double mu, double sigma, double low, double high) {
        UniformRandomProvider rng = SeededRandom.of(Double.hashCode(low) * 17L + Double.hashCode(high) + (long) mu);
        double[] draws = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = TruncatedNormal.sample(mu, sigma, low, high, rng);
            assertThat(draws[i]).isBetween(low, high);
        }
        double expectedMean = truncatedMean(mu, sigma, low, high);
        double expectedVariance = truncatedVariance(mu, sigma, low, high);
        double mean = Arrays.stream(draws).average().orElseThrow();
        double[] squares = Arrays.stream(draws).map(x -> (x - expectedMean) * (x - expectedMean)).toArray();
        double variance = Arrays.stream(squares).average().orElseThrow();
        double squaresSd = Math.sqrt(Arrays.stream(squares).map(s -> (s - variance) * (s - variance)).sum() / DRAWS);
        assertThat(mean).as("mean").isCloseTo(expectedMean, within(4.5 * Math.sqrt(expectedVariance / DRAWS)));
        assertThat(variance).as("variance").isCloseTo(expectedVariance, within(4.5 * squaresSd / Math.sqrt(DRAWS)));
        assertThat(ksDistance(draws, mu, sigma, low, high)).as("KS distance").isLessThan(1.95 / Math.sqrt(DRAWS));
    }

    /** Far tails and narrow intervals take a bounded number of uniforms per draw. */
    @ParameterizedTest
    @CsvSource({"40, 41", "38, 38.01", "1e6, Infinity", "-1e-9, 1e-9", "0, 1e-12", "-7, -6.9", "-5, 5",
        "-Infinity, -30"})
    void everyRegimeIsEfficient(double a, double b) {
        long[] count = {0};
        UniformRandomProvider base = SeededRandom.of(11);
        UniformRandomProvider counting = () -> {
            count[0]++;
            return base.nextLong();
        };
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            TruncatedNormal.sample(0, 1, a, b, counting);
        }
        assertThat((double) count[0] / n).as("uniforms per draw on [%s, %s]", a, b).isLessThan(6);
    }

    /** log Φ̄(z) from mpmath at 40 digits. */
    @Test
    void upperTailMatchesHighPrecisionValues() {
        double[][] reference = {
            {0, -0.6931471805599453094172321},
            {0.5, -1.175911761593618608879729},
            {1, -1.841021645009263505770783},
            {3, -6.607726221510349543276077},
            {5, -15.0649983939887257360837},
            {10, -53.23128515051247057834703},
            {19.99, -203.7167077172084040406015},
            {20, -203.9171553710972639368045},
            {20.01, -204.1177027786599326060136},
            {30, -454.3212439563431971073558},
            {50, -1254.831361139419901254133},
            {200, -20006.2172808981904020931}};
        for (double[] r : reference) {
            double tolerance = 1e-13 * Math.max(1, Math.abs(r[1]));
            assertThat(TruncatedNormal.logMass(0, 1, r[0], INF)).as("log upper tail at %s", r[0])
                    .isCloseTo(r[1], within(tolerance));
            assertThat(TruncatedNormal.logMass(0, 1, -INF, -r[0])).as("log lower tail at %s", -r[0])
                    .isCloseTo(r[1], within(tolerance));
        }
        // log(Φ(−40) − Φ(−41)), log(Φ(2) − Φ(−1)), log(Φ(3.5) − Φ(3)) from mpmath
        assertThat(TruncatedNormal.logMass(0, 1, 40, 41)).isCloseTo(-804.6084420137537881691, within(1e-11));
        assertThat(TruncatedNormal.logMass(0, 1, -41, -40)).isCloseTo(-804.6084420137537881691, within(1e-11));
        assertThat(TruncatedNormal.logMass(0, 1, -1, 2)).isCloseTo(-0.2001662943244625799492018, within(1e-14));
        assertThat(TruncatedNormal.logMass(0, 1, 3, 3.5)).isCloseTo(-6.796868006683432765931, within(1e-13));
        assertThat(TruncatedNormal.logMass(0, 1, -INF, INF)).isEqualTo(0.0);
        assertThat(TruncatedNormal.logMass(0, 1, 1e4, INF)).isFinite();
        assertThat(TruncatedNormal.logMass(0, 1, 2, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * The log mass against adaptive Simpson integration of the density scaled by its largest value on the
     * interval (so far tails do not underflow), and the log density integrating to one.
     */
    @ParameterizedTest
    @CsvSource({
        "0, 1, -1, 2", "0, 1, -0.3, 0.1", "0, 1, -4, 4", "0, 1, 0, Infinity", "0, 1, 0.4, 0.6", "0, 1, 2, 2.3",
        "0, 1, 5, Infinity", "0, 1, 40, 41", "0, 1, -41, -40", "0, 1, 38, 38.01", "0, 1, 38, 38.00001",
        "0, 1, -1e-7, 3e-7", "0, 1, 1, 1.00005", "0, 1, 1, 1.0002", "0, 1, -Infinity, -3",
        "3, 0.2, 2.9, 3.05", "-2, 4, 30, Infinity", "1, 0.01, -Infinity, 0.99"})
    void logMassMatchesNumericalIntegration(double mu, double sigma, double low, double high) {
        double a = (low - mu) / sigma;
        double b = (high - mu) / sigma;
        double m = a >= 0 ? a : (b <= 0 ? b : 0);
        double lo = Math.max(a, m - 40);
        double hi = Math.min(b, m + 40);
        double scaled = adaptiveSimpson(z -> Math.exp(-0.5 * (z - m) * (z + m)), lo, hi, 1e-13);
        double expected = Math.log(scaled) - 0.5 * m * m - LOG_SQRT_2PI;
        assertThat(TruncatedNormal.logMass(mu, sigma, low, high)).as("log mass on [%s, %s]", low, high)
                .isCloseTo(expected, within(1e-11 * Math.max(1, Math.abs(expected))));
        // the normalised density is of order one over the interval's width, so it integrates without scaling
        double integral = adaptiveSimpson(x -> Math.exp(TruncatedNormal.logDensity(x, mu, sigma, low, high)),
                mu + sigma * lo, mu + sigma * hi, 1e-13);
        assertThat(integral).as("∫ density").isCloseTo(1, within(1e-10));
    }

    @Test
    void densityAndArguments() {
        assertThat(TruncatedNormal.logDensity(-1.5, 0, 1, -1, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(TruncatedNormal.logDensity(2.5, 0, 1, -1, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(TruncatedNormal.logDensity(Double.NaN, 0, 1, -1, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(TruncatedNormal.logDensity(0.5, 1, 2, -INF, INF)).isCloseTo(Gaussian.logDensity(0.5, 1, 2),
                within(1e-15));
        assertThat(TruncatedNormal.sample(0, 1, 3, 3, SeededRandom.of(1))).isEqualTo(3.0);
        UniformRandomProvider rng = SeededRandom.of(2);
        assertThatThrownBy(() -> TruncatedNormal.sample(0, 1, 2, 1, rng)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TruncatedNormal.sample(0, 0, 0, 1, rng)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TruncatedNormal.logMass(Double.NaN, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TruncatedNormal.logMass(0, 1, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Kolmogorov–Smirnov distance of the draws from the truncated-normal CDF. */
    private static double ksDistance(double[] draws, double mu, double sigma, double low, double high) {
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        double logMass = TruncatedNormal.logMass(mu, sigma, low, high);
        double distance = 0;
        for (int i = 0; i < sorted.length; i += 7) {
            double cdf = Math.exp(TruncatedNormal.logMass(mu, sigma, low, sorted[i]) - logMass);
            distance = Math.max(distance, Math.max(Math.abs(cdf - (double) i / sorted.length),
                    Math.abs(cdf - (double) (i + 1) / sorted.length)));
        }
        return distance;
    }

    /** μ + σ (φ(α) − φ(β)) / Z, evaluated in log space. */
    private static double truncatedMean(double mu, double sigma, double low, double high) {
        double alpha = (low - mu) / sigma;
        double beta = (high - mu) / sigma;
        double logMass = TruncatedNormal.logMass(0, 1, alpha, beta);
        return mu + sigma * (densityOverMass(alpha, logMass) - densityOverMass(beta, logMass));
    }

    /** σ² [1 + (α φ(α) − β φ(β)) / Z − ((φ(α) − φ(β)) / Z)²]. */
    private static double truncatedVariance(double mu, double sigma, double low, double high) {
        double alpha = (low - mu) / sigma;
        double beta = (high - mu) / sigma;
        double logMass = TruncatedNormal.logMass(0, 1, alpha, beta);
        double pa = densityOverMass(alpha, logMass);
        double pb = densityOverMass(beta, logMass);
        double ta = Double.isInfinite(alpha) ? 0 : alpha * pa;
        double tb = Double.isInfinite(beta) ? 0 : beta * pb;
        return sigma * sigma * (1 + ta - tb - (pa - pb) * (pa - pb));
    }

    private static double densityOverMass(double z, double logMass) {
        if (Double.isInfinite(z)) {
            return 0;
        }
        return Math.exp(-0.5 * z * z - LOG_SQRT_2PI - logMass);
    }

    private static double adaptiveSimpson(DoubleUnaryOperator f, double a, double b,
                                          double tolerance) {
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        double fm = f.applyAsDouble(0.5 * (a + b));
        double whole = (b - a) / 6 * (fa + 4 * fm + fb);
        return simpson(f, a, b, fa, fm, fb, whole, tolerance * Math.abs(whole) + Double.MIN_NORMAL, 40);
    }

    private static double simpson(DoubleUnaryOperator f, double a, double b, double fa,
                                  double fm, double fb, double whole, double tolerance, int depth) {
        double m = 0.5 * (a + b);
        double lm = 0.5 * (a + m);
        double rm = 0.5 * (m + b);
        double flm = f.applyAsDouble(lm);
        double frm = f.applyAsDouble(rm);
        double left = (m - a) / 6 * (fa + 4 * flm + fm);
        double right = (b - m) / 6 * (fm + 4 * frm + fb);
        if (depth <= 0 || Math.abs(left + right - whole) <= 15 * tolerance) {
            return left + right + (left + right - whole) / 15;
        }
        return simpson(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1)
                + simpson(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }
}
