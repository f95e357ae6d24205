package org.sbi4j.api.prior;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/** Independent log-normal distributions: log θᵢ ~ N(μᵢ, σᵢ²), support θᵢ &gt; 0. */
public final class LogNormalPrior implements Prior {
    private final double[] mu;
    private final double[] sigma;
    private final List<String> names;

    /**
     * Creates independent log-normal distributions.
     *
     * @param mu means of log θ
     * @param sigma standard deviations of log θ, positive
     * @param names parameter names, or {@code null} for {@code theta_1, theta_2, ...}
     */
    public LogNormalPrior(double[] mu, double[] sigma, List<String> names) {
        Priors.checkSameLength(mu, "mu", sigma, "sigma", "log-normal prior");
        Priors.checkFinite(mu, "mu", "log-normal prior");
        Priors.checkPositive(sigma, "sigma", "log-normal prior");
        this.mu = mu.clone();
        this.sigma = sigma.clone();
        this.names = Priors.checkNames(names, mu.length, "log-normal prior");
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        double[][] out = new double[n][mu.length];
        for (double[] row : out) {
            for (int j = 0; j < mu.length; j++) {
                row[j] = Math.exp(mu[j] + sigma[j] * Gaussian.next(rng));
            }
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        Priors.checkLength(theta, mu.length);
        double sum = 0;
        for (int j = 0; j < mu.length; j++) {
            if (!(theta[j] > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            double log = Math.log(theta[j]);
            sum += Gaussian.logDensity(log, mu[j], sigma[j]) - log;
        }
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    /** {@inheritDoc} Inside the support, ∂/∂θⱼ = −(1 + (log θⱼ − μⱼ)/σⱼ²)/θⱼ; zero outside it. */
    @Override
    public double logDensityGradient(double[] theta, double[] gradient) {
        double logDensity = logDensity(theta);
        for (int j = 0; j < mu.length; j++) {
            gradient[j] = logDensity == Double.NEGATIVE_INFINITY ? 0.0
                    : -(1 + (Math.log(theta[j]) - mu[j]) / (sigma[j] * sigma[j])) / theta[j];
        }
        return logDensity;
    }

    @Override
    public double[] lowerBounds() {
        return new double[mu.length];
    }

    /** The means of log θ. */
    public double[] mu() {
        return mu.clone();
    }

    /** The standard deviations of log θ. */
    public double[] sigma() {
        return sigma.clone();
    }

    @Override
    public String toString() {
        return "LogNormal(mu=" + Arrays.toString(mu) + ", sigma=" + Arrays.toString(sigma) + ")";
    }
}
