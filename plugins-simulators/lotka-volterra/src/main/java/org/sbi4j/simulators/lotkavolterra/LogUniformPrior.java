package org.sbi4j.simulators.lotkavolterra;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/**
 * Independent log-uniform distributions: log θᵢ ~ U(logLow, logHigh), so θᵢ ∈ [e^logLow, e^logHigh] with
 * density 1 / (θᵢ·(logHigh − logLow)). Immutable.
 */
public final class LogUniformPrior implements Prior {
    private final double logLow;
    private final double logHigh;
    private final List<String> names;
    private final double low;
    private final double high;
    private final double logWidth;

    /**
     * @param logLow lower bound of log θ, finite
     * @param logHigh upper bound of log θ, above logLow
     * @param names one name per parameter (the dimension)
     */
    public LogUniformPrior(double logLow, double logHigh, List<String> names) {
        if (!(Double.isFinite(logLow) && Double.isFinite(logHigh) && logHigh > logLow)) {
            throw new IllegalArgumentException("log-uniform prior: need finite log bounds with low < high, got ["
                    + logLow + ", " + logHigh + "]");
        }
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("log-uniform prior: give at least one parameter name");
        }
        this.logLow = logLow;
        this.logHigh = logHigh;
        this.names = List.copyOf(names);
        this.low = Math.exp(logLow);
        this.high = Math.exp(logHigh);
        this.logWidth = Math.log(logHigh - logLow);
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        int d = names.size();
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                // clamp guards the rounding of exp at the interval ends
                row[j] = Math.min(high, Math.max(low, Math.exp(logLow + (logHigh - logLow) * rng.nextDouble())));
            }
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        if (theta.length != names.size()) {
            throw new IllegalArgumentException("θ has " + theta.length + " components, the prior has " + names.size());
        }
        double sum = 0;
        for (double v : theta) {
            if (!(v >= low && v <= high)) {
                return Double.NEGATIVE_INFINITY;
            }
            sum -= Math.log(v) + logWidth;
        }
        return sum;
    }

    @Override
    public double[] lowerBounds() {
        double[] b = new double[names.size()];
        java.util.Arrays.fill(b, low);
        return b;
    }

    @Override
    public double[] upperBounds() {
        double[] b = new double[names.size()];
        java.util.Arrays.fill(b, high);
        return b;
    }

    @Override
    public String toString() {
        return "LogUniform(log θ in [" + logLow + ", " + logHigh + "]^" + names.size() + ")";
    }
}
