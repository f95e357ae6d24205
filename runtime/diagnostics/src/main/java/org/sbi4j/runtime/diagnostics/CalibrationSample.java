package org.sbi4j.runtime.diagnostics;

import java.util.List;

/**
 * The raw material of every calibration check: N true parameters θ*ᵢ drawn from the prior, one simulated
 * observation xᵢ per θ*ᵢ, and L posterior draws from q(θ | xᵢ) for each. Produced by {@link CalibrationSampler}.
 *
 * <p>The arrays are shared, not copied (the sample can hold 10⁶ rows): whoever builds a sample hands its arrays
 * over and nobody modifies them afterwards.
 *
 * @param parameterNames the names of the d parameters
 * @param thetaTrue the true parameters, N×d
 * @param observations the observation simulated from each true parameter, N×D
 * @param posteriorSamples L posterior draws per observation, N×L×d
 * @param logDensityTrue log q(θ*ᵢ | xᵢ), N values, or {@code null} when the posterior has no density
 * @param logDensitySamples log q of each posterior draw, N×L, or {@code null} when the posterior has no density
 * @param invalidSimulations how many simulations failed and were replaced by fresh prior draws
 */
public record CalibrationSample(List<String> parameterNames, double[][] thetaTrue, double[][] observations,
                                double[][][] posteriorSamples, double[] logDensityTrue,
                                double[][] logDensitySamples, int invalidSimulations) {
    /** Checks that the shapes agree. */
    public CalibrationSample {
        parameterNames = List.copyOf(parameterNames);
        int d = parameterNames.size();
        int n = thetaTrue.length;
        if (d == 0) {
            throw new IllegalArgumentException("a calibration sample needs at least one parameter");
        }
        if (n < 2 || observations.length != n || posteriorSamples.length != n) {
            throw new IllegalArgumentException("a calibration sample needs the same number (>= 2) of true parameters ("
                    + n + "), observations (" + observations.length + ") and posterior sample sets ("
                    + posteriorSamples.length + ")");
        }
        if (invalidSimulations < 0) {
            throw new IllegalArgumentException("invalidSimulations = " + invalidSimulations + " is negative");
        }
        int draws = posteriorSamples[0] == null ? 0 : posteriorSamples[0].length;
        if (draws < 1) {
            throw new IllegalArgumentException("a calibration sample needs at least one posterior draw per observation");
        }
        for (int i = 0; i < n; i++) {
            checkRow(thetaTrue[i], d, "true parameter " + i);
            double[][] set = posteriorSamples[i];
            if (set == null || set.length != draws) {
                throw new IllegalArgumentException("posterior sample set " + i + " has "
                        + (set == null ? "no" : set.length) + " draws, expected " + draws);
            }
            for (double[] row : set) {
                checkRow(row, d, "a posterior draw for observation " + i);
            }
        }
        if ((logDensityTrue == null) != (logDensitySamples == null)) {
            throw new IllegalArgumentException("give both log-density arrays or neither");
        }
        if (logDensityTrue != null) {
            if (logDensityTrue.length != n || logDensitySamples.length != n) {
                throw new IllegalArgumentException("log densities need one entry per observation (" + n + ")");
            }
            for (int i = 0; i < n; i++) {
                if (logDensitySamples[i] == null || logDensitySamples[i].length != draws) {
                    throw new IllegalArgumentException("log densities of observation " + i + " need " + draws
                            + " values, one per posterior draw");
                }
            }
        }
    }

    private static void checkRow(double[] row, int d, String what) {
        if (row == null || row.length != d) {
            throw new IllegalArgumentException(what + " has " + (row == null ? "no" : row.length)
                    + " values but there are " + d + " parameters");
        }
    }

    /** N, the number of (θ*, x) pairs. */
    public int size() {
        return thetaTrue.length;
    }

    /** L, the number of posterior draws per observation. */
    public int draws() {
        return posteriorSamples[0].length;
    }

    /** d, the number of parameters. */
    public int dimension() {
        return parameterNames.size();
    }

    /**
     * The first {@code n} pairs (their draws and densities included); {@code this} when {@code n} is the size.
     *
     * @param n pairs wanted, 2 ≤ n ≤ {@link #size()}
     * @return the sub-sample
     */
    public CalibrationSample first(int n) {
        if (n == size()) {
            return this;
        }
        return new CalibrationSample(parameterNames, java.util.Arrays.copyOf(thetaTrue, n),
                java.util.Arrays.copyOf(observations, n), java.util.Arrays.copyOf(posteriorSamples, n),
                logDensityTrue == null ? null : java.util.Arrays.copyOf(logDensityTrue, n),
                logDensitySamples == null ? null : java.util.Arrays.copyOf(logDensitySamples, n), invalidSimulations);
    }

    /** Whether log densities are present (the posterior has a density). */
    public boolean hasLogDensity() {
        return logDensityTrue != null;
    }

    @Override
    public String toString() {
        return "CalibrationSample[parameters=" + parameterNames + ", n=" + size() + ", draws=" + draws()
                + ", logDensity=" + hasLogDensity() + ", invalidSimulations=" + invalidSimulations + "]";
    }
}
