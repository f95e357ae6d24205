package org.sbi4j.simulators.mixtures;

import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.Gaussian;

/**
 * The {@code sign-symmetric} task of the {@link MixturesPlugin}: x = (θ₁², …, θ_d²) + σε with ε ~ N(0, I)
 * and the prior U(−B, B)^d, so the sign of every θⱼ is unidentifiable and the posterior has 2^d modes at
 * (±√x₁, …, ±√x_d). The likelihood is the exact Gaussian N(x; θ², σ²I) (with its gradient); the simulator
 * is differentiable with noise z = ε; the posterior ({@link SignSymmetricPosterior}) is sampled exactly and
 * its density normalised by 1-D quadrature per coordinate.
 */
public final class SignSymmetricSimulator implements DifferentiableSimulator, Likelihood, AnalyticPosterior {
    private static final String TASK = "sign-symmetric";

    private final int dimension;
    private final double sd;
    private final double bound;
    private final List<String> parameterNames;
    private final List<String> dataNames;
    private final BoxUniformPrior prior;
    private final ObservationCache<SignSymmetricPosterior> cache = new ObservationCache<>();

    /**
     * @param dimension d, at least 1
     * @param sd σ, positive
     * @param bound B of the prior U(−B, B)^d, positive
     */
    public SignSymmetricSimulator(int dimension, double sd, double bound) {
        if (dimension < 1) {
            throw new IllegalArgumentException(TASK + ": dimension = " + dimension + " must be at least 1");
        }
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException(TASK + ": sd = " + sd + " must be positive and finite");
        }
        if (!(bound > 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException(TASK + ": bound = " + bound + " must be positive and finite");
        }
        this.dimension = dimension;
        this.sd = sd;
        this.bound = bound;
        this.parameterNames = Names.parameters(dimension);
        this.dataNames = Names.data(dimension);
        this.prior = BoxUniformPrior.cube(dimension, -bound, bound);
    }

    /** The noise standard deviation σ. */
    public double sd() {
        return sd;
    }

    /** The prior half-width B. */
    public double bound() {
        return bound;
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
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
        return dimension;
    }

    @Override
    public SimulationResult simulate(double[][] theta, double[][] noise) {
        if (noise.length != theta.length) {
            throw new IllegalArgumentException(TASK + ": " + theta.length + " parameter rows but " + noise.length
                    + " noise rows");
        }
        double[][] x = new double[theta.length][dimension];
        for (int i = 0; i < theta.length; i++) {
            double[] t = theta[i];
            double[] z = noise[i];
            Names.checkLength(t, dimension, "θ row " + i, TASK);
            Names.checkLength(z, dimension, "noise row " + i, TASK);
            double[] row = x[i];
            for (int j = 0; j < dimension; j++) {
                row[j] = t[j] * t[j] + sd * z[j];
            }
        }
        return SimulationResult.of(x);
    }

    @Override
    public double[][] vectorJacobianProduct(double[][] theta, double[][] noise, double[][] cotangent) {
        double[][] out = new double[theta.length][dimension];
        for (int i = 0; i < theta.length; i++) {
            Names.checkLength(theta[i], dimension, "θ row " + i, TASK);
            Names.checkLength(cotangent[i], dimension, "cotangent row " + i, TASK);
            for (int j = 0; j < dimension; j++) {
                out[i][j] = 2 * theta[i][j] * cotangent[i][j];
            }
        }
        return out;
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        Names.checkLength(theta, dimension, "θ", TASK);
        Names.checkLength(x, dimension, "x", TASK);
        double squares = 0;
        for (int j = 0; j < dimension; j++) {
            double z = (x[j] - theta[j] * theta[j]) / sd;
            squares += z * z;
        }
        return -0.5 * squares - dimension * (Math.log(sd) + Gaussian.LOG_SQRT_2PI);
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    @Override
    public double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        double logLikelihood = logLikelihood(theta, x);
        Names.checkLength(gradient, dimension, "the gradient", TASK);
        for (int j = 0; j < dimension; j++) {
            gradient[j] = 2 * theta[j] * (x[j] - theta[j] * theta[j]) / (sd * sd);
        }
        return logLikelihood;
    }

    /**
     * The exact posterior for one observation under the default prior.
     *
     * @param observation x₀, finite, of length d
     * @return the prepared posterior
     */
    public SignSymmetricPosterior posterior(double[] observation) {
        Names.checkObservation(observation, dimension, TASK);
        return new SignSymmetricPosterior(observation, sd, bound);
    }

    @Override
    public double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng) {
        if (n < 0) {
            throw new IllegalArgumentException(TASK + ": n = " + n + " posterior draws requested, must be >= 0");
        }
        return posterior(observation).sample(n, rng);
    }

    /** Normalised by 1-D adaptive Gauss–Kronrod quadrature per coordinate (relative error estimate 1e-13). */
    @Override
    public boolean hasPosteriorDensity() {
        return true;
    }

    @Override
    public double posteriorLogDensity(double[] theta, double[] observation) {
        return cache.get(observation, this::posterior).logDensity(theta);
    }

    @Override
    public String toString() {
        return TASK + "(dimension=" + dimension + ", sd=" + sd + ", bound=" + bound + ")";
    }
}
