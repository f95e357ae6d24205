package org.sbi4j.samplers.mcmc;

import java.util.Arrays;

/**
 * Convergence diagnostics of several chains of one scalar, after Vehtari, Gelman, Simpson, Carpenter and Bürkner
 * (2021): split-R̂ on rank-normalised draws (the larger of the bulk and the folded value) and the effective sample
 * size from the chains' combined autocorrelations truncated by Geyer's initial monotone sequence.
 */
final class ChainDiagnostics {

    private ChainDiagnostics() {
    }

    /**
     * Rank-normalised split-R̂: the larger of R̂ of the rank-normalised split chains and of their folded values
     * |x − median|, so chains that agree in location but not in scale are caught too.
     *
     * @param chains {@code m × n} draws, every chain of the same length (at least 4)
     * @return R̂, 1 when the chains agree; NaN for fewer than 4 draws per chain
     */
    static double rankRhat(double[][] chains) {
        if (chains[0].length < 4) {
            return Double.NaN;
        }
        double[][] split = split(chains);
        double bulk = rhat(rankNormalise(split));
        double median = median(split);
        double[][] folded = new double[split.length][split[0].length];
        for (int c = 0; c < split.length; c++) {
            for (int i = 0; i < split[c].length; i++) {
                folded[c][i] = Math.abs(split[c][i] - median);
            }
        }
        double tail = rhat(rankNormalise(folded));
        return Math.max(bulk, tail);
    }

    /**
     * Bulk effective sample size: of the rank-normalised split chains.
     *
     * @param chains {@code m × n} draws
     * @return the effective number of independent draws; NaN for fewer than 4 draws per chain
     */
    static double bulkEss(double[][] chains) {
        if (chains[0].length < 4) {
            return Double.NaN;
        }
        return ess(rankNormalise(split(chains)));
    }

    /**
     * Effective sample size of the mean of the split chains (no rank normalisation): what a Monte-Carlo standard
     * error of a mean uses.
     *
     * @param chains {@code m × n} draws
     * @return the effective sample size; NaN for fewer than 4 draws per chain
     */
    static double meanEss(double[][] chains) {
        if (chains[0].length < 4) {
            return Double.NaN;
        }
        return ess(split(chains));
    }

    /** Classic (non-split) R̂ of the chains as given. */
    static double rhat(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double w = 0;
        double grand = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            grand += means[c] / m;
            w += variance(chains[c], means[c]) / m;
        }
        double b = 0;
        for (int c = 0; c < m; c++) {
            b += (means[c] - grand) * (means[c] - grand);
        }
        b *= (double) n / (m - 1);
        if (w == 0) {
            return b == 0 ? 1.0 : Double.POSITIVE_INFINITY;
        }
        double varPlus = (n - 1.0) / n * w + b / n;
        return Math.sqrt(varPlus / w);
    }

    /** Effective sample size of the chains as given (Stan's estimator, Geyer's initial monotone sequence). */
    static double ess(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double[] variances = new double[m];
        double w = 0;
        double grand = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            variances[c] = variance(chains[c], means[c]);
            grand += means[c] / m;
            w += variances[c] / m;
        }
        double b = 0;
        for (int c = 0; c < m; c++) {
            b += (means[c] - grand) * (means[c] - grand);
        }
        b = m > 1 ? b * n / (m - 1) : 0;
        double varPlus = (n - 1.0) / n * w + b / n;
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        double tau = 0;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double rho0 = t == 0 ? 1.0 : rho(chains, means, w, varPlus, t);
            double rho1 = rho(chains, means, w, varPlus, t + 1);
            double pair = rho0 + rho1;
            if (pair < 0) {
                break;
            }
            pair = Math.min(pair, previousPair);
            previousPair = pair;
            tau += 2 * pair;
        }
        tau -= 1;
        double total = (double) m * n;
        tau = Math.max(tau, 1.0 / Math.log10(total));
        return total / tau;
    }

    /** The combined autocorrelation at lag t: 1 − (W − mean of the chains' autocovariances) / var⁺. */
    private static double rho(double[][] chains, double[] means, double w, double varPlus, int t) {
        int m = chains.length;
        int n = chains[0].length;
        double acov = 0;
        for (int c = 0; c < m; c++) {
            double[] x = chains[c];
            double s = 0;
            for (int i = 0; i + t < n; i++) {
                s += (x[i] - means[c]) * (x[i + t] - means[c]);
            }
            acov += s / n / m;
        }
        return 1.0 - (w - acov) / varPlus;
    }

    /** Each chain cut into its first and second half (the middle draw of an odd length dropped). */
    static double[][] split(double[][] chains) {
        int half = chains[0].length / 2;
        int n = chains[0].length;
        double[][] out = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    /** Pooled ranks (ties averaged) mapped to normal scores Φ⁻¹((r − 3/8) / (S + 1/4)). */
    static double[][] rankNormalise(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int total = m * n;
        Integer[] order = new Integer[total];
        double[] flat = new double[total];
        for (int c = 0; c < m; c++) {
            System.arraycopy(chains[c], 0, flat, c * n, n);
        }
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(flat[a], flat[b]));
        double[] ranks = new double[total];
        int i = 0;
        while (i < total) {
            int j = i;
            while (j + 1 < total && flat[order[j + 1]] == flat[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        double[][] out = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int k = 0; k < n; k++) {
                out[c][k] = inverseNormal((ranks[c * n + k] - 0.375) / (total + 0.25));
            }
        }
        return out;
    }

    private static double median(double[][] chains) {
        double[] flat = Arrays.stream(chains).flatMapToDouble(Arrays::stream).sorted().toArray();
        int n = flat.length;
        return n % 2 == 1 ? flat[n / 2] : 0.5 * (flat[n / 2 - 1] + flat[n / 2]);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Unbiased variance. */
    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    /** Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9), for 0 < p < 1. */
    static double inverseNormal(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
