package org.sbi4j.simulators.benchmarks;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.Prior;

/**
 * A multivariate normal prior N(μ, P⁻¹) given by its precision matrix P. With the Cholesky factor P = L·Lᵀ,
 * draws are θ = μ + L⁻ᵀ·z (covariance L⁻ᵀL⁻¹ = P⁻¹) and the log density is
 * −½(θ−μ)ᵀP(θ−μ) + Σ log Lᵢᵢ − (d/2) log 2π. Unbounded; immutable.
 */
public final class GaussianPrecisionPrior implements Prior {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] mean;
    private final double[][] precision;
    private final double[][] cholesky;
    private final List<String> names;
    private final double logNormaliser;

    /**
     * @param mean μ
     * @param precision P, symmetric positive definite
     * @param names parameter names, one per component
     */
    public GaussianPrecisionPrior(double[] mean, double[][] precision, List<String> names) {
        int d = mean.length;
        if (precision.length != d || names.size() != d) {
            throw new IllegalArgumentException("Gaussian prior: mean has " + d + " entries, the precision matrix "
                    + precision.length + " rows and there are " + names.size() + " names");
        }
        this.mean = mean.clone();
        this.precision = new double[d][];
        for (int i = 0; i < d; i++) {
            if (precision[i].length != d) {
                throw new IllegalArgumentException("Gaussian prior: precision row " + i + " has "
                        + precision[i].length + " entries, expected " + d);
            }
            this.precision[i] = precision[i].clone();
        }
        this.cholesky = choleskyLower(this.precision);
        this.names = List.copyOf(names);
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += Math.log(cholesky[i][i]);
        }
        this.logNormaliser = logDet - 0.5 * d * LOG_2PI;
    }

    private static double[][] choleskyLower(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                if (a[i][j] != a[j][i]) {
                    throw new IllegalArgumentException("Gaussian prior: the precision matrix is not symmetric at ("
                            + i + ", " + j + ")");
                }
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("Gaussian prior: the precision matrix is not positive "
                                + "definite");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = mean.length;
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = normal.sample();
            }
            // solve Lᵀ·y = z in place (back substitution), then add μ
            for (int i = d - 1; i >= 0; i--) {
                double sum = row[i];
                for (int k = i + 1; k < d; k++) {
                    sum -= cholesky[k][i] * row[k];
                }
                row[i] = sum / cholesky[i][i];
            }
            for (int j = 0; j < d; j++) {
                row[j] += mean[j];
            }
        }
        return out;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    /** ∇ log p(θ) = −P(θ − μ), so gradient samplers (nuts, hmc) apply to the tasks with this prior. */
    @Override
    public double logDensityGradient(double[] theta, double[] gradient) {
        int d = mean.length;
        if (gradient.length != d) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " components, the prior has " + d);
        }
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += precision[i][j] * (theta[j] - mean[j]);
            }
            gradient[i] = -row;
        }
        return logDensity(theta);
    }

    @Override
    public double logDensity(double[] theta) {
        int d = mean.length;
        if (theta.length != d) {
            throw new IllegalArgumentException("θ has " + theta.length + " components, the prior has " + d);
        }
        double quadratic = 0;
        for (int i = 0; i < d; i++) {
            double ci = theta[i] - mean[i];
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += precision[i][j] * (theta[j] - mean[j]);
            }
            quadratic += ci * row;
        }
        double value = logNormaliser - 0.5 * quadratic;
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }

    /** μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** P, a copy. */
    public double[][] precision() {
        double[][] copy = new double[precision.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = precision[i].clone();
        }
        return copy;
    }

    @Override
    public String toString() {
        return "GaussianPrecisionPrior(dimension=" + mean.length + ")";
    }
}
