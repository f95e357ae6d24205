package org.sbi4j.simulators.lensing;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.sbi4j.api.Prior;

/**
 * Independent normal distributions N(meanᵢ, sdᵢ²) truncated to [lowᵢ, highᵢ] and renormalised (Commons
 * Statistics does the sampling and the normalising constant).
 */
public final class TruncatedNormalPrior implements Prior {
    private final double[] mean;
    private final double[] sd;
    private final double[] low;
    private final double[] high;
    private final List<String> names;
    private final TruncatedNormalDistribution[] marginals;

    /**
     * @param mean means of the untruncated normals
     * @param sd their standard deviations, positive
     * @param low lower truncation points
     * @param high upper truncation points, above the lower ones
     * @param names parameter names, one per parameter
     */
    public TruncatedNormalPrior(double[] mean, double[] sd, double[] low, double[] high, List<String> names) {
        int d = mean.length;
        if (d == 0 || sd.length != d || low.length != d || high.length != d || names.size() != d) {
            throw new IllegalArgumentException("truncated-normal prior: mean, sd, low, high and names must have the "
                    + "same non-zero length");
        }
        this.marginals = new TruncatedNormalDistribution[d];
        for (int j = 0; j < d; j++) {
            if (!(sd[j] > 0) || !Double.isFinite(sd[j]) || !Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("truncated-normal prior: parameter " + names.get(j)
                        + " needs a finite mean and a positive finite sd, got " + mean[j] + ", " + sd[j]);
            }
            if (!(high[j] > low[j]) || !Double.isFinite(low[j]) || !Double.isFinite(high[j])) {
                throw new IllegalArgumentException("truncated-normal prior: parameter " + names.get(j)
                        + " needs finite bounds low < high, got [" + low[j] + ", " + high[j] + "]");
            }
            marginals[j] = TruncatedNormalDistribution.of(mean[j], sd[j], low[j], high[j]);
        }
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.low = low.clone();
        this.high = high.clone();
        this.names = List.copyOf(names);
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        int d = mean.length;
        ContinuousDistribution.Sampler[] samplers = new ContinuousDistribution.Sampler[d];
        for (int j = 0; j < d; j++) {
            samplers[j] = marginals[j].createSampler(rng);
        }
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = samplers[j].sample();
            }
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        if (theta.length != mean.length) {
            throw new IllegalArgumentException("θ has " + theta.length + " components, the prior has " + mean.length);
        }
        double sum = 0;
        for (int j = 0; j < mean.length; j++) {
            if (!(theta[j] >= low[j] && theta[j] <= high[j])) {
                return Double.NEGATIVE_INFINITY;
            }
            sum += marginals[j].logDensity(theta[j]);
        }
        return sum;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    /** −(θ − μ)/σ² per component inside the bounds (the truncation only normalises); the log density. */
    @Override
    public double logDensityGradient(double[] theta, double[] gradient) {
        double logDensity = logDensity(theta);
        for (int j = 0; j < mean.length; j++) {
            gradient[j] = -(theta[j] - mean[j]) / (sd[j] * sd[j]);
        }
        return logDensity;
    }

    @Override
    public double[] lowerBounds() {
        return low.clone();
    }

    @Override
    public double[] upperBounds() {
        return high.clone();
    }

    @Override
    public String toString() {
        return "TruncatedNormal(mean=" + Arrays.toString(mean) + ", sd=" + Arrays.toString(sd) + ", low="
                + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
}
