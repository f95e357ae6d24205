package org.sbi4j.runtime.plot;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/** Seeded test data for the plots. */
final class Samples {
    private Samples() {
    }

    /** n draws of a d-dimensional Gaussian with unit variances, correlation rho between neighbours and mean i/2. */
    static double[][] correlatedGaussian(int n, int d, double rho, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] rows = new double[n][d];
        double keep = Math.sqrt(1 - rho * rho);
        for (int r = 0; r < n; r++) {
            double previous = normal.sample();
            for (int j = 0; j < d; j++) {
                double z = j == 0 ? previous : rho * previous + keep * normal.sample();
                previous = z;
                rows[r][j] = j * 0.5 + z * (1 + 0.3 * j);
            }
        }
        return rows;
    }

    /** n draws of an equal mixture of two Gaussians at (-1.5, -1) and (1.5, 1) with correlation ±0.6. */
    static double[][] bimodal(int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] rows = new double[n][2];
        for (int r = 0; r < n; r++) {
            boolean first = rng.nextBoolean();
            double a = normal.sample() * 0.6;
            double b = normal.sample() * 0.6;
            double rho = first ? 0.6 : -0.6;
            rows[r][0] = (first ? -1.5 : 1.5) + a;
            rows[r][1] = (first ? -1.0 : 1.0) + rho * a + Math.sqrt(1 - rho * rho) * b;
        }
        return rows;
    }
}
