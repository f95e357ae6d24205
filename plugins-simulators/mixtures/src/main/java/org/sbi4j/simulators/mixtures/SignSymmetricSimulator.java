package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.Gaussian;

/**
 * The {@code sign-symmetric} task of the {@link MixturesPlugin}: x = (θ₁², …, θ_d²) + σε with ε ~ N(0, I)
 * and the prior U(−B, B)^d, so the sign of every θⱼ is unidentifiable and the posterior has 2^d modes at
 * (±√x₁, …, ±√x_d). The likelihood is the exact Gaussian N(x; θ², σ²I) (with its gradient); the simulator
 * is differentiable with noise z = ε; the posterior ({@link SignSymmetricPosterior}) is sampled exactly and
 * its density normalised by 1-D quadrature per coordinate.
 */
public final class SignSymmetricSimulator extends BoxPriorTask<SignSymmetricPosterior>
        implements DifferentiableSimulator {
    private static final String TASK = "sign-symmetric";

    /**
     * @param dimension d, at least 1
     * @param sd σ, positive
     * @param bound B of the prior U(−B, B)^d, positive
     */
    public SignSymmetricSimulator(int dimension, double sd, double bound) {
        super(TASK, checkedDimension(dimension), sd, bound);
    }

    private static int checkedDimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException(TASK + ": dimension = " + dimension + " must be at least 1");
        }
        return dimension;
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
    @Override
    public SignSymmetricPosterior posterior(double[] observation) {
        Names.checkObservation(observation, dimension, TASK);
        return new SignSymmetricPosterior(observation, sd, bound);
    }

    @Override
    public String toString() {
        return TASK + "(dimension=" + dimension + ", sd=" + sd + ", bound=" + bound + ")";
    }
}
