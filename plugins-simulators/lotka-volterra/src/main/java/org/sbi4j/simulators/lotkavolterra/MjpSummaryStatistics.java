package org.sbi4j.simulators.lotkavolterra;

import java.util.List;

/**
 * The 9 summary statistics of a recorded predator (a) and prey (b) series of equal length N:
 * <ol>
 *   <li>log(1 + mean a), log(1 + mean b);</li>
 *   <li>log(1 + var a), log(1 + var b), with the unbiased variance (divisor N − 1);</li>
 *   <li>autocorrelation of a at lags 1 and 2, then of b at lags 1 and 2:
 *       Σₜ (sₜ − s̄)(sₜ₊ₗ − s̄) / Σₜ (sₜ − s̄)²;</li>
 *   <li>the (lag-0) cross-correlation of a and b.</li>
 * </ol>
 * The logarithms are shifted by one so that an extinct series (all zeros) gives finite statistics; for
 * populations in the tens or more this differs from the plain log by less than a few percent of a unit.
 * Correlations that involve a constant series are defined as 0.
 */
final class MjpSummaryStatistics {
    /** Names of the statistics, in order. */
    static final List<String> NAMES = List.of("log_mean_predators", "log_mean_prey", "log_var_predators",
            "log_var_prey", "autocorr_lag1_predators", "autocorr_lag2_predators", "autocorr_lag1_prey",
            "autocorr_lag2_prey", "cross_correlation");

    private MjpSummaryStatistics() {
    }

    /**
     * @param a predators on the grid
     * @param b prey on the grid, same length as a (at least 3)
     * @param out receives the 9 statistics
     */
    static void compute(double[] a, double[] b, double[] out) {
        int n = a.length;
        double meanA = 0;
        double meanB = 0;
        for (int t = 0; t < n; t++) {
            meanA += a[t];
            meanB += b[t];
        }
        meanA /= n;
        meanB /= n;
        double ssA = 0;
        double ssB = 0;
        double cross = 0;
        double lag1A = 0;
        double lag2A = 0;
        double lag1B = 0;
        double lag2B = 0;
        for (int t = 0; t < n; t++) {
            double da = a[t] - meanA;
            double db = b[t] - meanB;
            ssA += da * da;
            ssB += db * db;
            cross += da * db;
            if (t + 1 < n) {
                lag1A += da * (a[t + 1] - meanA);
                lag1B += db * (b[t + 1] - meanB);
            }
            if (t + 2 < n) {
                lag2A += da * (a[t + 2] - meanA);
                lag2B += db * (b[t + 2] - meanB);
            }
        }
        out[0] = Math.log1p(meanA);
        out[1] = Math.log1p(meanB);
        out[2] = Math.log1p(ssA / (n - 1));
        out[3] = Math.log1p(ssB / (n - 1));
        out[4] = ssA > 0 ? lag1A / ssA : 0;
        out[5] = ssA > 0 ? lag2A / ssA : 0;
        out[6] = ssB > 0 ? lag1B / ssB : 0;
        out[7] = ssB > 0 ? lag2B / ssB : 0;
        out[8] = ssA > 0 && ssB > 0 ? cross / Math.sqrt(ssA * ssB) : 0;
    }
}
