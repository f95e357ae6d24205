package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/** Seeded Gaussian samples for the sample-distance tests. */
final class DistanceTestSamples {
    private DistanceTestSamples() {
    }

    /** n draws of a Gaussian with independent coordinates: mean[j] + sd[j]·z. */
    static double[][] gaussian(int n, double[] mean, double[] sd, long seed) {
        ZigguratSampler.NormalizedGaussian z =
                ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(seed));
        double[][] x = new double[n][mean.length];
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                row[j] = mean[j] + sd[j] * z.sample();
            }
        }
        return x;
    }

    /** n draws of the d-dimensional standard normal. */
    static double[][] standard(int n, int d, long seed) {
        double[] sd = new double[d];
        Arrays.fill(sd, 1.0);
        return gaussian(n, new double[d], sd, seed);
    }

    /** A seeded generator. */
    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /** A copy with {@code shift} added to column 0. */
    static double[][] shifted(double[][] x, double shift) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            out[i][0] += shift;
        }
        return out;
    }
}
