package org.sbi4j.runtime.diagnostics;

import java.util.Locale;

/**
 * Shared statistics of ranks that are uniform on {0, …, L} under calibration (SBC ranks, HPD and TARP counts).
 *
 * <p>Kolmogorov–Smirnov without jitter: the statistic D = maxₖ |F̂(k) − (k+1)/(L+1)| is the exact distance
 * between the empirical distribution of the ranks and the discrete uniform on {0, …, L} (both are step
 * functions with the same jumps, so the supremum is attained at the support points). Its p-value is taken from
 * the continuous Kolmogorov distribution (asymptotic series with Stephens' finite-n correction
 * λ = D(√n + 0.12 + 0.11/√n)); for a discrete null this p-value is conservative (Noether 1963), i.e. it never
 * raises false alarms more often than the nominal level, and for L ≥ 100 the loss of power is negligible.
 */
final class UniformRankTest {
    private UniformRankTest() {
    }

    /**
     * @param counts how many ranks equal k, for k = 0 … L
     * @param n the number of ranks (sum of counts)
     * @return the Kolmogorov–Smirnov distance to the discrete uniform on {0, …, L}
     */
    static double ksStatistic(long[] counts, long n) {
        int support = counts.length;
        double max = 0.0;
        long cumulative = 0;
        for (int k = 0; k < support; k++) {
            cumulative += counts[k];
            double gap = Math.abs((double) cumulative / n - (double) (k + 1) / support);
            max = Math.max(max, gap);
        }
        return max;
    }

    /**
     * @param ranks ranks in {0, …, L}
     * @param draws L
     * @return the conservative Kolmogorov–Smirnov p-value of uniformity on {0, …, L}
     */
    static double ksPValue(int[] ranks, int draws) {
        long[] counts = new long[draws + 1];
        for (int r : ranks) {
            counts[r]++;
        }
        return kolmogorovPValue(ksStatistic(counts, ranks.length), ranks.length);
    }

    /**
     * @param d a Kolmogorov–Smirnov distance
     * @param n the sample size
     * @return P(D ≥ d) under the continuous null, by the Kolmogorov series with Stephens' correction
     */
    static double kolmogorovPValue(double d, long n) {
        double sqrtN = Math.sqrt(n);
        double lambda = d * (sqrtN + 0.12 + 0.11 / sqrtN);
        if (lambda < 0.2) {
            return 1.0; // the series sum is 1 to double precision
        }
        double sum = 0.0;
        double sign = 1.0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += sign * term;
            if (term < 1e-16 * Math.abs(sum)) {
                break;
            }
            sign = -sign;
        }
        return Math.min(1.0, Math.max(0.0, 2.0 * sum));
    }

    /**
     * The exact probability that a rank uniform on {0, …, L} satisfies {@code k < threshold}, computed with the
     * same floating-point comparison as the data, so that expected and observed values are comparable.
     */
    static double probabilityBelow(double threshold, int draws) {
        long count = 0;
        for (int k = 0; k <= draws; k++) {
            if (k < threshold) {
                count++;
            }
        }
        return (double) count / (draws + 1);
    }

    /**
     * The shape of the tails of ranks uniform on {0, …, L} under calibration: the lowest and the highest
     * {@code tailFraction} of the rank range (mirror images, so both tails hold the same number of ranks).
     *
     * @param outerMass the share of ranks in either tail
     * @param expectedOuterMass that share under calibration
     * @param zShape the standardised excess of the outer mass: &gt; 0 for a ∪ shape, &lt; 0 for a ∩ shape
     * @param zAsymmetry the standardised difference (upper tail − lower tail): &gt; 0 when high ranks dominate
     */
    record TailShape(double outerMass, double expectedOuterMass, double zShape, double zAsymmetry) {
        static TailShape of(int[] ranks, int draws, double tailFraction) {
            double cut = tailFraction * (draws + 1);
            double pOuter = 2 * probabilityBelow(cut, draws); // P(r < cut) = P(L − r < cut)
            int low = 0;
            int high = 0;
            for (int r : ranks) {
                if (r < cut) {
                    low++;
                }
                if (draws - r < cut) {
                    high++;
                }
            }
            int n = ranks.length;
            double outer = (double) (low + high) / n;
            // L = 1: both ranks are "outer", there is no shape to measure
            double zShape = pOuter < 1 ? (outer - pOuter) / Math.sqrt(pOuter * (1 - pOuter) / n) : 0.0;
            double zAsymmetry = (double) (high - low) / n / Math.sqrt(pOuter / n);
            return new TailShape(outer, pOuter, zShape, zAsymmetry);
        }
    }

    /**
     * A p-value for sentences, e.g. {@code "KS p = 0.012"} or {@code "KS p = 2.0e-09"}: three decimals, or two
     * significant digits in scientific notation when tiny.
     */
    static String pValue(String test, double p) {
        if (p >= 0.001) {
            return String.format(Locale.ROOT, "%s p = %.3f", test, p);
        }
        if (p < Double.MIN_NORMAL) {
            return test + " p < 1e-300";
        }
        return String.format(Locale.ROOT, "%s p = %.1e", test, p);
    }

    /** A fraction as a percentage with one decimal. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * fraction);
    }
}
