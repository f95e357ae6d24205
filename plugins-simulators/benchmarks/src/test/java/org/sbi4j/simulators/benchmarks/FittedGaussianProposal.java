package org.sbi4j.simulators.benchmarks;

import java.util.List;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/**
 * An importance-sampling proposal for posteriors too narrow for prior draws: a Gaussian (in log θ when
 * {@code logScale}) with the mean of the given samples and their covariance inflated by {@code widen²}.
 * Where the samples come from does not bias the importance estimate, only its efficiency: the weights
 * prior × likelihood / proposal correct for any proposal whose tails are wider than the posterior's.
 */
final class FittedGaussianProposal implements Prior {
    private final GaussianPrecisionPrior gaussian;
    private final boolean logScale;

    FittedGaussianProposal(double[][] samples, double widen, boolean logScale, List<String> names) {
        this.logScale = logScale;
        int n = samples.length;
        int d = samples[0].length;
        double[] mean = new double[d];
        for (double[] row : samples) {
            for (int j = 0; j < d; j++) {
                mean[j] += transform(row[j]) / n;
            }
        }
        double[][] covariance = new double[d][d];
        for (double[] row : samples) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    covariance[a][b] += (transform(row[a]) - mean[a]) * (transform(row[b]) - mean[b])
                            * widen * widen / (n - 1);
                }
            }
        }
        double[][] precision = MatrixUtils.inverse(MatrixUtils.createRealMatrix(covariance)).getData();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                double symmetric = 0.5 * (precision[a][b] + precision[b][a]);
                precision[a][b] = symmetric;
                precision[b][a] = symmetric;
            }
        }
        this.gaussian = new GaussianPrecisionPrior(mean, precision, names);
    }

    private double transform(double v) {
        return logScale ? Math.log(v) : v;
    }

    @Override
    public List<String> parameterNames() {
        return gaussian.parameterNames();
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        double[][] draws = gaussian.sample(n, rng);
        if (logScale) {
            for (double[] row : draws) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.exp(row[j]);
                }
            }
        }
        return draws;
    }

    @Override
    public double logDensity(double[] theta) {
        if (!logScale) {
            return gaussian.logDensity(theta);
        }
        double[] log = new double[theta.length];
        double jacobian = 0;
        for (int j = 0; j < theta.length; j++) {
            if (!(theta[j] > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            log[j] = Math.log(theta[j]);
            jacobian += log[j];
        }
        return gaussian.logDensity(log) - jacobian;
    }
}
