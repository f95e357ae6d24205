package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;

/**
 * sbibm's Bernoulli GLM task (TASKS.md §6): a logistic-regression neuron driven by a fixed white-noise
 * stimulus. θ = (bias, 9 filter weights) with a Gaussian smoothness prior; for t = 0..99,
 * y_t ~ Bernoulli(σ((Xθ)_t)); the data are the sufficient statistics x = Xᵀy. The design matrix X is built
 * once per simulator from the stimulus in the jar.
 *
 * <p>Likelihood: the stimulus is continuous, so the spike train y is determined by x = Xᵀy and
 * p(x | θ) = p(y | θ) = exp(θᵀx − Σ_t log(1 + exp((Xθ)_t))) for every x the simulator can produce.
 */
public final class BernoulliGlmSimulator extends BenchmarkTask implements Likelihood {
    private static final int PARAMETERS = 10;
    private static final int FILTER = 9;
    private static final int STEPS = 100;

    /** Row-major 100 × 10 design matrix. */
    private final double[] design;

    /** The task without reference data. */
    public BernoulliGlmSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../bernoulli_glm}), or {@code null}
     */
    public BernoulliGlmSimulator(Path referenceFolder) {
        super(numberedNames("parameter", PARAMETERS), numberedNames("data", PARAMETERS),
                defaultPrior(numberedNames("parameter", PARAMETERS)), referenceFolder);
        double[] stimulus = CsvTable.readResource("sbibm/bernoulli_glm/stimulus_I.csv").column("stimulus_I");
        if (stimulus.length != STEPS) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "bernoulli-glm: the stimulus in the jar has "
                    + stimulus.length + " steps, expected " + STEPS);
        }
        design = new double[STEPS * PARAMETERS];
        for (int t = 0; t < STEPS; t++) {
            design[t * PARAMETERS] = 1;
            for (int j = 0; j < FILTER && j <= t; j++) {
                design[t * PARAMETERS + j + 1] = stimulus[t - j];
            }
        }
    }

    /**
     * The prior N(0, P⁻¹): P₀₀ = 0.5 for the bias and P_f = FᵀF for the filter, F lower triangular with
     * F[i,i] = 1 + √(i/9), F[i,i−1] = −2, F[i,i−2] = 1.
     *
     * @param names the 10 parameter names
     * @return the prior
     */
    static GaussianPrecisionPrior defaultPrior(List<String> names) {
        double[][] f = new double[FILTER][FILTER];
        for (int i = 0; i < FILTER; i++) {
            f[i][i] = 1 + Math.sqrt(i / (double) FILTER);
            if (i >= 1) {
                f[i][i - 1] = -2;
            }
            if (i >= 2) {
                f[i][i - 2] = 1;
            }
        }
        double[][] precision = new double[PARAMETERS][PARAMETERS];
        precision[0][0] = 0.5;
        for (int a = 0; a < FILTER; a++) {
            for (int b = 0; b < FILTER; b++) {
                double sum = 0;
                for (int k = 0; k < FILTER; k++) {
                    sum += f[k][a] * f[k][b];
                }
                precision[a + 1][b + 1] = sum;
            }
        }
        return new GaussianPrecisionPrior(new double[PARAMETERS], precision, names);
    }

    /**
     * The data of a spike train: x = Xᵀy.
     *
     * @param spikes y, 100 zeros and ones
     * @return the 10 summary statistics
     */
    public double[] summaryStatistics(double[] spikes) {
        if (spikes.length != STEPS) {
            throw new IllegalArgumentException("a spike train has " + STEPS + " bins, not " + spikes.length);
        }
        double[] x = new double[PARAMETERS];
        for (int s = 0; s < STEPS; s++) {
            for (int j = 0; j < PARAMETERS; j++) {
                x[j] += spikes[s] * design[s * PARAMETERS + j];
            }
        }
        return x;
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        double[][] x = new double[theta.length][PARAMETERS];
        for (int i = 0; i < theta.length; i++) {
            double[] t = theta[i];
            checkParameters(t);
            double[] row = x[i];
            for (int s = 0; s < STEPS; s++) {
                int offset = s * PARAMETERS;
                double psi = 0;
                for (int j = 0; j < PARAMETERS; j++) {
                    psi += design[offset + j] * t[j];
                }
                if (rng.nextDouble() < 1 / (1 + Math.exp(-psi))) {
                    for (int j = 0; j < PARAMETERS; j++) {
                        row[j] += design[offset + j];
                    }
                }
            }
        }
        return SimulationResult.of(x);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        checkParameters(theta);
        checkData(x);
        return logLikelihood(theta, x, null);
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    @Override
    public double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        checkParameters(theta);
        checkData(x);
        return logLikelihood(theta, x, gradient);
    }

    private double logLikelihood(double[] theta, double[] x, double[] gradient) {
        double value = 0;
        for (int j = 0; j < PARAMETERS; j++) {
            value += theta[j] * x[j];
        }
        if (gradient != null) {
            System.arraycopy(x, 0, gradient, 0, PARAMETERS);
        }
        for (int s = 0; s < STEPS; s++) {
            int offset = s * PARAMETERS;
            double psi = 0;
            for (int j = 0; j < PARAMETERS; j++) {
                psi += design[offset + j] * theta[j];
            }
            // log(1 + e^ψ), stable for large |ψ|
            value -= Math.max(psi, 0) + Math.log1p(Math.exp(-Math.abs(psi)));
            if (gradient != null) {
                double p = 1 / (1 + Math.exp(-psi));
                for (int j = 0; j < PARAMETERS; j++) {
                    gradient[j] -= p * design[offset + j];
                }
            }
        }
        return value;
    }
}
