package org.sbi4j.testing;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.prior.Gaussian;

/** The sample mean and covariance of draws, and a Gaussian with that mean and a scaled covariance. */
final class FittedGaussian {
    private final double[] mean;
    private final double[][] covariance;
    private final double[][] cholesky;
    private final double logDeterminant;

    private FittedGaussian(double[] mean, double[][] covariance) {
        int d = mean.length;
        this.mean = mean;
        this.covariance = covariance;
        this.cholesky = new double[d][d];
        double logDet = 0;
        for (int j = 0; j < d; j++) {
            double pivot = covariance[j][j];
            for (int k = 0; k < j; k++) {
                pivot -= cholesky[j][k] * cholesky[j][k];
            }
            if (!(pivot > 0)) {
                throw new AssertionError("the draws have a singular covariance (column " + j + ")");
            }
            cholesky[j][j] = Math.sqrt(pivot);
            logDet += Math.log(pivot);
            for (int i = j + 1; i < d; i++) {
                double v = covariance[i][j];
                for (int k = 0; k < j; k++) {
                    v -= cholesky[i][k] * cholesky[j][k];
                }
                cholesky[i][j] = v / cholesky[j][j];
            }
        }
        this.logDeterminant = logDet;
    }

    /**
     * The sample mean and covariance (denominator n − 1) of the draws.
     *
     * @param draws {@code n × d}, n ≥ 2
     * @return the fit
     */
    static FittedGaussian of(double[][] draws) {
        int n = draws.length;
        int d = draws[0].length;
        double[] mean = new double[d];
        for (double[] row : draws) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] covariance = new double[d][d];
        for (double[] row : draws) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    covariance[j][k] += (row[j] - mean[j]) * (row[k] - mean[k]) / (n - 1);
                }
            }
        }
        return new FittedGaussian(mean, covariance);
    }

    /**
     * The same mean with the covariance times {@code factor²}.
     *
     * @param factor how much wider, in standard deviations
     * @return the widened Gaussian
     */
    FittedGaussian widened(double factor) {
        double[][] wide = new double[mean.length][];
        for (int j = 0; j < mean.length; j++) {
            wide[j] = covariance[j].clone();
            for (int k = 0; k < mean.length; k++) {
                wide[j][k] *= factor * factor;
            }
        }
        return new FittedGaussian(mean, wide);
    }

    double[] mean() {
        return mean.clone();
    }

    double[][] covariance() {
        return covariance;
    }

    double[][] sample(int n, UniformRandomProvider rng) {
        int d = mean.length;
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (double[] row : out) {
            for (int k = 0; k < d; k++) {
                z[k] = Gaussian.next(rng);
            }
            for (int j = 0; j < d; j++) {
                double v = mean[j];
                for (int k = 0; k <= j; k++) {
                    v += cholesky[j][k] * z[k];
                }
                row[j] = v;
            }
        }
        return out;
    }

    double logDensity(double[] theta) {
        int d = mean.length;
        double[] w = new double[d];
        double quadratic = 0;
        for (int j = 0; j < d; j++) {
            double v = theta[j] - mean[j];
            for (int k = 0; k < j; k++) {
                v -= cholesky[j][k] * w[k];
            }
            w[j] = v / cholesky[j][j];
            quadratic += w[j] * w[j];
        }
        return -0.5 * (quadratic + logDeterminant + d * Math.log(2 * Math.PI));
    }
}
