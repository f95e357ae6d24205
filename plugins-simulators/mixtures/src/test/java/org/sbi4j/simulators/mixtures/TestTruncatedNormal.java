package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbi4j.testing.SeededRandom;

class TestTruncatedNormal {
    private static final int DRAWS = 40_000;

    /**
     * Every branch of the sampler (normal, uniform around 0, uniform and exponential in each tail, far tails)
     * against the exact truncated-normal CDF: Kolmogorov–Smirnov distance below 1.95/√n (the 0.1% critical
     * value is 1.95/√n), and the mean within 4 standard errors of its closed form.
     */
    @ParameterizedTest
    @CsvSource({
        "-3, 3", "-0.5, 1.5", "-0.01, 2.4", "-1, 2.6", "0, 1", "0.2, 5", "2, 2.3", "3, Infinity",
        "-Infinity, -2", "-6, -5.5", "40, 41", "38, 38.01", "-1000, -999", "-Infinity, Infinity"})
    void drawsFollowTheTruncatedNormal(double a, double b) {
        UniformRandomProvider rng = SeededRandom.of(Double.hashCode(a) * 31L + Double.hashCode(b));
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] draws = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = TruncatedNormal.sample(a, b, rng, normal);
            assertThat(draws[i]).isBetween(a, b);
        }
        Arrays.sort(draws);
        double logMass = NormalTails.logMass(a, b);
        double distance = 0;
        for (int i = 0; i < DRAWS; i += 7) {
            double cdf = Math.exp(NormalTails.logMass(a, draws[i]) - logMass);
            distance = Math.max(distance, Math.max(Math.abs(cdf - (double) i / DRAWS),
                    Math.abs(cdf - (double) (i + 1) / DRAWS)));
        }
        assertThat(distance).as("KS distance on [%s, %s]", a, b).isLessThan(1.95 / Math.sqrt(DRAWS));
        double mean = Arrays.stream(draws).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(draws).map(z -> (z - mean) * (z - mean)).sum() / DRAWS);
        double expected = truncatedMean(a, b);
        assertThat(Math.abs(mean - expected)).as("mean on [%s, %s]", a, b)
                .isLessThanOrEqualTo(4 * sd / Math.sqrt(DRAWS) + 1e-12 * Math.abs(expected));
    }

    /** (φ(a) − φ(b)) / (Φ(b) − Φ(a)), evaluated in log space. */
    private static double truncatedMean(double a, double b) {
        double logMass = NormalTails.logMass(a, b);
        return logPhiRatio(a, logMass) - logPhiRatio(b, logMass);
    }

    private static double logPhiRatio(double z, double logMass) {
        if (Double.isInfinite(z)) {
            return 0;
        }
        return Math.exp(-0.5 * z * z - NormalTails.LOG_SQRT_2PI - logMass);
    }
}
