package org.sbi4j.api.prior;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/** Independent uniform distributions on intervals [lowᵢ, highᵢ]. */
public final class BoxUniformPrior implements Prior {
    private final double[] low;
    private final double[] high;
    private final List<String> names;
    private final double logDensity;

    /**
     * Creates the box [low, high].
     *
     * @param low lower bounds, one per parameter
     * @param high upper bounds, each above its lower bound
     * @param names parameter names, or {@code null} for {@code theta_1, theta_2, ...}
     */
    public BoxUniformPrior(double[] low, double[] high, List<String> names) {
        Priors.checkSameLength(low, "low", high, "high", "box-uniform prior");
        Priors.checkFinite(low, "low", "box-uniform prior");
        Priors.checkFinite(high, "high", "box-uniform prior");
        double logVolume = 0;
        for (int i = 0; i < low.length; i++) {
            if (!(high[i] > low[i])) {
                throw new IllegalArgumentException("box-uniform prior: high[" + i + "] = " + high[i]
                        + " must exceed low[" + i + "] = " + low[i]);
            }
            logVolume += Math.log(high[i] - low[i]);
        }
        this.low = low.clone();
        this.high = high.clone();
        this.names = Priors.checkNames(names, low.length, "box-uniform prior");
        this.logDensity = -logVolume;
    }

    /**
     * The box [low, high]^dimension.
     *
     * @param dimension number of parameters
     * @param low common lower bound
     * @param high common upper bound
     * @return the prior
     */
    public static BoxUniformPrior cube(int dimension, double low, double high) {
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new BoxUniformPrior(lo, hi, null);
    }

    /**
     * The same box with other parameter names.
     *
     * @param parameterNames new names
     * @return the renamed prior
     */
    public BoxUniformPrior withNames(List<String> parameterNames) {
        return new BoxUniformPrior(low, high, parameterNames);
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        double[][] out = new double[n][low.length];
        for (double[] row : out) {
            for (int j = 0; j < low.length; j++) {
                row[j] = low[j] + (high[j] - low[j]) * rng.nextDouble();
            }
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        Priors.checkLength(theta, low.length);
        for (int j = 0; j < low.length; j++) {
            if (!(theta[j] >= low[j] && theta[j] <= high[j])) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return logDensity;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    /** {@inheritDoc} The density is constant inside the box: the gradient is zero there (and outside). */
    @Override
    public double logDensityGradient(double[] theta, double[] gradient) {
        Arrays.fill(gradient, 0, low.length, 0.0);
        return logDensity(theta);
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
        return "BoxUniform(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
}
