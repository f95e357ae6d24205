package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.TruncatedNormal;

/**
 * sbibm's Gaussian Mixture task (TASKS.md §7), corrected version: θ ~ U(−10, 10)², and for every
 * simulation afresh x ~ N(θ, I₂) or N(θ, 0.01·I₂) with probability 1/2 each. The exact posterior is the same
 * mixture centred at x₀, truncated to the box.
 */
public final class GaussianMixtureSimulator extends BenchmarkTask implements Likelihood, AnalyticPosterior {
    private static final int DIMENSION = 2;
    private static final double LOW = -10;
    private static final double HIGH = 10;
    private static final double WIDE_SD = 1;
    private static final double NARROW_SD = 0.1;
    private static final double LOG_HALF = Math.log(0.5);

    /** The task without reference data. */
    public GaussianMixtureSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../gaussian_mixture}), or {@code null}
     */
    public GaussianMixtureSimulator(Path referenceFolder) {
        super(numberedNames("parameter", DIMENSION), numberedNames("data", DIMENSION),
                BoxUniformPrior.cube(DIMENSION, LOW, HIGH).withNames(numberedNames("parameter", DIMENSION)),
                referenceFolder);
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[theta.length][DIMENSION];
        for (int i = 0; i < theta.length; i++) {
            double[] t = theta[i];
            checkParameters(t);
            double sd = rng.nextBoolean() ? WIDE_SD : NARROW_SD;
            for (int j = 0; j < DIMENSION; j++) {
                x[i][j] = t[j] + sd * normal.sample();
            }
        }
        return SimulationResult.of(x);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        checkParameters(theta);
        checkData(x);
        return mixtureLogDensity(x, theta);
    }

    /** log(½ N(a; b, I) + ½ N(a; b, 0.01·I)), symmetric in a and b. */
    private static double mixtureLogDensity(double[] a, double[] b) {
        double wide = LOG_HALF;
        double narrow = LOG_HALF;
        for (int j = 0; j < DIMENSION; j++) {
            wide += Gaussian.logDensity(a[j], b[j], WIDE_SD);
            narrow += Gaussian.logDensity(a[j], b[j], NARROW_SD);
        }
        double max = Math.max(wide, narrow);
        return max + Math.log(Math.exp(wide - max) + Math.exp(narrow - max));
    }

    private static double boxMass(double[] centre, double sd) {
        double logMass = 0;
        for (int j = 0; j < DIMENSION; j++) {
            logMass += TruncatedNormal.logMass(centre[j], sd, LOW, HIGH);
        }
        return Math.exp(logMass);
    }

    /**
     * Exact draws: choose the component with probability proportional to its mass inside the box, then draw
     * each coordinate from the truncated normal.
     */
    @Override
    public double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng) {
        checkData(observation);
        double wideMass = boxMass(observation, WIDE_SD);
        double narrowMass = boxMass(observation, NARROW_SD);
        double pWide = wideMass / (wideMass + narrowMass);
        double[][] out = new double[n][DIMENSION];
        for (double[] row : out) {
            boolean wide = rng.nextDouble() < pWide;
            double sd = wide ? WIDE_SD : NARROW_SD;
            for (int j = 0; j < DIMENSION; j++) {
                row[j] = TruncatedNormal.sample(observation[j], sd, LOW, HIGH, rng);
            }
        }
        return out;
    }

    @Override
    public boolean hasPosteriorDensity() {
        return true;
    }

    @Override
    public double posteriorLogDensity(double[] theta, double[] observation) {
        checkParameters(theta);
        checkData(observation);
        if (prior().logDensity(theta) == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double normaliser = 0.5 * boxMass(observation, WIDE_SD) + 0.5 * boxMass(observation, NARROW_SD);
        return mixtureLogDensity(theta, observation) - Math.log(normaliser);
    }
}
