package org.sbi4j.runtime.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.prior.NormalPrior;

/**
 * A conjugate test model: θ ~ N(0, I_d), x = θ + N(0, σ² I), exact posterior N(x/(1+σ²), σ²/(1+σ²) I), and
 * deliberately wrong posteriors (scaled spread, shifted mean) with exact log densities of what they sample.
 */
final class ConjugateGaussianModel {
    static final double SIGMA = 1.0;

    private ConjugateGaussianModel() {
    }

    static List<String> names(int d) {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            names.add("theta" + j);
        }
        return names;
    }

    static Prior prior(int d) {
        double[] zero = new double[d];
        double[] one = new double[d];
        Arrays.fill(one, 1.0);
        return new NormalPrior(zero, one, names(d));
    }

    /** x = θ + σ·noise, valid everywhere. */
    static Simulator simulator(int d) {
        return new NoiseSimulator(d, theta -> true, theta -> false);
    }

    /**
     * A simulator that fails for some θ.
     *
     * @param masked rows reported invalid through the mask (finite data)
     * @param nonFinite rows whose data hold NaN
     */
    static Simulator failingSimulator(int d, Predicate<double[]> masked, Predicate<double[]> nonFinite) {
        return new NoiseSimulator(d, masked.negate(), nonFinite);
    }

    /** The exact posterior. */
    static Posterior exact(int d) {
        return new GaussianPosterior(d, 1.0, 0.0, true);
    }

    /**
     * A wrong posterior: spread × {@code scale}, mean + {@code shift} posterior standard deviations.
     *
     * @param density whether it offers log densities
     */
    static Posterior wrong(int d, double scale, double shift, boolean density) {
        return new GaussianPosterior(d, scale, shift, density);
    }

    private record NoiseSimulator(int d, Predicate<double[]> valid, Predicate<double[]> nonFinite)
            implements Simulator {
        @Override
        public List<String> parameterNames() {
            return names(d);
        }

        @Override
        public List<String> dataNames() {
            List<String> out = new ArrayList<>();
            for (int j = 1; j <= d; j++) {
                out.add("x" + j);
            }
            return out;
        }

        @Override
        public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            double[][] x = new double[theta.length][d];
            boolean[] mask = new boolean[theta.length];
            for (int i = 0; i < theta.length; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] = theta[i][j] + SIGMA * normal.sample();
                }
                if (nonFinite.test(theta[i])) {
                    x[i][0] = Double.NaN;
                }
                mask[i] = valid.test(theta[i]);
            }
            return SimulationResult.of(x, mask);
        }
    }

    private record GaussianPosterior(int d, double scale, double shift, boolean density) implements Posterior {
        private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

        private double sd() {
            return scale * SIGMA / Math.sqrt(1 + SIGMA * SIGMA);
        }

        private double mean(double x) {
            return x / (1 + SIGMA * SIGMA) + shift * SIGMA / Math.sqrt(1 + SIGMA * SIGMA);
        }

        @Override
        public List<String> parameterNames() {
            return names(d);
        }

        @Override
        public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            double sd = sd();
            double[] mean = new double[d];
            for (int j = 0; j < d; j++) {
                mean[j] = mean(observation[j]);
            }
            double[][] out = new double[n][d];
            for (double[] row : out) {
                for (int j = 0; j < d; j++) {
                    row[j] = mean[j] + sd * normal.sample();
                }
            }
            return out;
        }

        @Override
        public boolean hasLogDensity() {
            return density;
        }

        @Override
        public double[] logDensity(double[][] theta, double[] observation) {
            if (!density) {
                return Posterior.super.logDensity(theta, observation);
            }
            double sd = sd();
            double[] out = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                double sum = 0.0;
                for (int j = 0; j < d; j++) {
                    double z = (theta[i][j] - mean(observation[j])) / sd;
                    sum += -0.5 * z * z - Math.log(sd) - LOG_SQRT_2PI;
                }
                out[i] = sum;
            }
            return out;
        }

        @Override
        public void save(ModelWriter out) {
            throw new UnsupportedOperationException("test posterior");
        }
    }
}
