package org.sbi4j.samplers.mcmc;

/** Welford's running mean and covariance (or variances only) of one chain's draws in a warm-up window. */
final class Moments {
    private final int d;
    private final boolean full;
    private final double[] mean;
    private final double[][] m2;
    private long count;

    Moments(int d, boolean full) {
        this.d = d;
        this.full = full;
        mean = new double[d];
        m2 = new double[d][d];
    }

    void add(double[] x) {
        count++;
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += delta[i] / count;
        }
        for (int i = 0; i < d; i++) {
            double after = x[i] - mean[i];
            if (full) {
                for (int j = 0; j < d; j++) {
                    m2[i][j] += delta[j] * after;
                }
            } else {
                m2[i][i] += delta[i] * after;
            }
        }
    }

    /** Adds another window's draws (Chan et al.'s pairwise update), as if they had been added one by one. */
    void merge(Moments other) {
        if (other.count == 0) {
            return;
        }
        double n = count + other.count;
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = other.mean[i] - mean[i];
        }
        double w = count * (double) other.count / n;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (full || i == j) {
                    m2[i][j] += other.m2[i][j] + delta[i] * delta[j] * w;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] += delta[i] * other.count / n;
        }
        count += other.count;
    }

    long count() {
        return count;
    }

    void reset() {
        count = 0;
        java.util.Arrays.fill(mean, 0);
        for (double[] row : m2) {
            java.util.Arrays.fill(row, 0);
        }
    }

    /** Stan's regularised estimate: (n / (n + 5)) Σ̂ + 10⁻³ (5 / (n + 5)) I. */
    double[][] regularisedCovariance() {
        double n = count;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (full || i == j) {
                    out[i][j] = n / (n + 5) * m2[i][j] / Math.max(n - 1, 1);
                }
            }
            out[i][i] += 1e-3 * 5 / (n + 5);
        }
        return out;
    }
}
