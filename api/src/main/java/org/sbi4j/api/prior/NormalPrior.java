package org.sbi4j.api.prior;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/** Independent normal distributions N(meanᵢ, sdᵢ²). */
public final class NormalPrior implements Prior {
    private final double[] mean;
    private final double[] sd;
    private final List<String> names;

    /**
     * Creates independent normal distributions.
     *
     * @param mean means, one per parameter
     * @param sd standard deviations, positive
     * @param names parameter names, or {@code null} for {@code theta_1, theta_2, ...}
     */
    public NormalPrior(double[] mean, double[] sd, List<String> names) {
        Priors.checkSameLength(mean, "mean", sd, "sd", "normal prior");
        Priors.checkFinite(mean, "mean", "normal prior");
        Priors.checkPositive(sd, "sd", "normal prior");
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.names = Priors.checkNames(names, mean.length, "normal prior");
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        double[][] out = new double[n][mean.length];
        for (double[] row : out) {
            for (int j = 0; j < mean.length; j++) {
                row[j] = mean[j] + sd[j] * Gaussian.next(rng);
            }
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        Priors.checkLength(theta, mean.length);
        double sum = 0;
        for (int j = 0; j < mean.length; j++) {
            sum += Gaussian.logDensity(theta[j], mean[j], sd[j]);
        }
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    @Override
    public double logDensityGradient(double[] theta, double[] gradient) {
        double logDensity = logDensity(theta);
        for (int j = 0; j < mean.length; j++) {
            gradient[j] = -(theta[j] - mean[j]) / (sd[j] * sd[j]);
        }
        return logDensity;
    }

    /** The means. */
    public double[] mean() {
        return mean.clone();
    }

    /** The standard deviations. */
    public double[] sd() {
        return sd.clone();
    }

    @Override
    public String toString() {
        return "Normal(mean=" + Arrays.toString(mean) + ", sd=" + Arrays.toString(sd) + ")";
    }
}
