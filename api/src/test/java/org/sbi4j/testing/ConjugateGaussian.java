package org.sbi4j.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.NormalPrior;

/**
 * The conjugate Gaussian model with a closed-form posterior: θ ~ N(0, I_d), x = θ + σ·z with z ~ N(0, I_d).
 * The posterior is N(x₀/(1 + σ²), σ²/(1 + σ²)·I_d). It is a {@link DifferentiableSimulator} (∂x/∂θ = I), has
 * a {@link Likelihood} with its gradient and an {@link AnalyticPosterior} with its density, so it serves the
 * estimator contract, refinement with the likelihood and gradient-based samplers alike.
 */
public final class ConjugateGaussian implements DifferentiableSimulator, Likelihood, AnalyticPosterior {
    private final double noise;
    private final Prior prior;
    private final List<String> dataNames;

    /**
     * Creates the model.
     *
     * @param parameterNames the names of θ; their number is the dimension d
     * @param noise the noise sd σ, positive
     */
    public ConjugateGaussian(List<String> parameterNames, double noise) {
        if (!(noise > 0)) {
            throw new IllegalArgumentException("noise must be positive, got " + noise);
        }
        int d = parameterNames.size();
        double[] zero = new double[d];
        double[] one = new double[d];
        Arrays.fill(one, 1);
        this.noise = noise;
        this.prior = new NormalPrior(zero, one, parameterNames);
        List<String> names = new ArrayList<>();
        for (String p : parameterNames) {
            names.add("x_" + p);
        }
        this.dataNames = List.copyOf(names);
    }

    /** The two-parameter model with σ = 0.5 and parameters {@code a, b}: posterior N(0.8·x₀, 0.2·I₂). */
    public static ConjugateGaussian standard() {
        return new ConjugateGaussian(List.of("a", "b"), 0.5);
    }

    /** The noise sd σ. */
    public double noise() {
        return noise;
    }

    /**
     * The posterior mean x₀/(1 + σ²).
     *
     * @param observation x₀
     * @return the mean, one entry per parameter
     */
    public double[] posteriorMean(double[] observation) {
        double[] mean = new double[observation.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = observation[j] / (1 + noise * noise);
        }
        return mean;
    }

    /** The posterior sd of each parameter, σ/√(1 + σ²); the posterior covariance is its square times I. */
    public double posteriorSd() {
        return noise / Math.sqrt(1 + noise * noise);
    }

    @Override
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    @Override
    public List<String> dataNames() {
        return dataNames;
    }

    @Override
    public Optional<Prior> defaultPrior() {
        return Optional.of(prior);
    }

    @Override
    public int noiseDimension() {
        return prior.dimension();
    }

    @Override
    public double[][] sampleNoise(int n, UniformRandomProvider rng) {
        double[][] z = new double[n][prior.dimension()];
        for (double[] row : z) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Gaussian.next(rng);
            }
        }
        return z;
    }

    @Override
    public SimulationResult simulate(double[][] theta, double[][] z) {
        double[][] x = new double[theta.length][prior.dimension()];
        for (int i = 0; i < theta.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = theta[i][j] + noise * z[i][j];
            }
        }
        return SimulationResult.of(x);
    }

    @Override
    public double[][] vectorJacobianProduct(double[][] theta, double[][] z, double[][] cotangent) {
        double[][] out = new double[cotangent.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cotangent[i].clone();
        }
        return out;
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        double sum = 0;
        for (int j = 0; j < theta.length; j++) {
            sum += Gaussian.logDensity(x[j], theta[j], noise);
        }
        return sum;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    @Override
    public double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        for (int j = 0; j < theta.length; j++) {
            gradient[j] = (x[j] - theta[j]) / (noise * noise);
        }
        return logLikelihood(theta, x);
    }

    @Override
    public double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng) {
        double[] mean = posteriorMean(observation);
        double sd = posteriorSd();
        double[][] out = new double[n][mean.length];
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] = mean[j] + sd * Gaussian.next(rng);
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
        double[] mean = posteriorMean(observation);
        double sum = 0;
        for (int j = 0; j < theta.length; j++) {
            sum += Gaussian.logDensity(theta[j], mean[j], posteriorSd());
        }
        return sum;
    }

    @Override
    public String toString() {
        return "ConjugateGaussian(d=" + prior.dimension() + ", noise=" + noise + ")";
    }
}
