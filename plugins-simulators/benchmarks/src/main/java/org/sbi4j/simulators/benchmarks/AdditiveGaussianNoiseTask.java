package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.Gaussian;

/**
 * The simulator and likelihood of the Gaussian linear tasks (TASKS.md §3–4): x = θ + ε with
 * ε ~ N(0, 0.1·I₁₀) (0.1 is the variance); subclasses add the prior and its exact posterior.
 */
public abstract class AdditiveGaussianNoiseTask extends BenchmarkTask implements Likelihood, AnalyticPosterior {
    /** Dimension of θ and x. */
    protected static final int DIMENSION = 10;
    /** Variance of the noise. */
    protected static final double NOISE_VARIANCE = 0.1;
    /** Standard deviation of the noise. */
    protected static final double NOISE_SD = Math.sqrt(NOISE_VARIANCE);

    /**
     * @param prior the task's prior over {@code parameter_1..parameter_10}
     * @param referenceFolder the task's reference folder, or {@code null}
     */
    protected AdditiveGaussianNoiseTask(Prior prior, Path referenceFolder) {
        super(numberedNames("parameter", DIMENSION), numberedNames("data", DIMENSION), prior, referenceFolder);
    }

    /** The names {@code parameter_1..parameter_10}. */
    protected static java.util.List<String> names() {
        return numberedNames("parameter", DIMENSION);
    }

    @Override
    public final SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[theta.length][DIMENSION];
        for (int i = 0; i < theta.length; i++) {
            double[] t = theta[i];
            checkParameters(t);
            double[] row = x[i];
            for (int j = 0; j < DIMENSION; j++) {
                row[j] = t[j] + NOISE_SD * normal.sample();
            }
        }
        return SimulationResult.of(x);
    }

    @Override
    public final double logLikelihood(double[] theta, double[] x) {
        checkParameters(theta);
        checkData(x);
        double sum = 0;
        for (int j = 0; j < DIMENSION; j++) {
            sum += Gaussian.logDensity(x[j], theta[j], NOISE_SD);
        }
        return sum;
    }

    @Override
    public final boolean hasGradient() {
        return true;
    }

    @Override
    public final double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        for (int j = 0; j < DIMENSION; j++) {
            gradient[j] = (x[j] - theta[j]) / NOISE_VARIANCE;
        }
        return logLikelihood(theta, x);
    }

    @Override
    public final boolean hasPosteriorDensity() {
        return true;
    }
}
