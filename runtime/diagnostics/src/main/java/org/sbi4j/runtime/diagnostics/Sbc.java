package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.inference.ChiSquareTest;

/**
 * Simulation-based calibration (Talts et al. 2018, arXiv:1804.06788). For observation i and parameter j the rank
 * rᵢⱼ = #{l : θˡᵢⱼ &lt; θ*ᵢⱼ} ∈ {0, …, L} is uniform when the posterior is calibrated (ties count as not below,
 * so a posterior with atoms, such as rejection ABC's repeated rows, leans slightly towards low ranks).
 *
 * <p>Per parameter:
 * <ul>
 *   <li>Rank histogram with B bins: rank r goes to bin ⌊r·B/(L+1)⌋. By default B is the largest divisor of L+1
 *       in [B<sub>max</sub>/2, B<sub>max</sub>], where B<sub>max</sub> = min(20, L+1, max(2, N/5)) keeps about
 *       five expected counts per bin, so every bin holds the same number of ranks; when L+1 has no such divisor
 *       B = B<sub>max</sub> and bins hold unequal numbers of ranks, which the expected counts account for
 *       exactly ({@link SbcResult#expectedCounts()}).</li>
 *   <li>A chi-square test of the histogram against the expected counts, and a jitter-free Kolmogorov–Smirnov test
 *       of the ranks against the discrete uniform on {0, …, L} (exact statistic, conservative p-value; see
 *       {@code UniformRankTest}).</li>
 *   <li>A verdict: calibrated unless one of the two p-values is below α/(2d) (Bonferroni over the two tests
 *       and the d parameters, so a calibrated posterior has any parameter flagged with probability at most α,
 *       whatever its dimension; the p-values themselves are reported unadjusted). A flagged parameter is classified by comparing two z-scores of the outer 20% of normalised
 *       ranks (the lowest 10% and the highest 10%): the symmetric excess (both tails too full: ∪ shape,
 *       {@link CalibrationVerdict#OVER_CONFIDENT}; too empty: ∩ shape, {@link CalibrationVerdict#UNDER_CONFIDENT})
 *       against the asymmetry (upper tail fuller than the lower: θ* above the samples,
 *       {@link CalibrationVerdict#BIASED_LOW}; the reverse, {@link CalibrationVerdict#BIASED_HIGH}); the larger in
 *       absolute value decides.</li>
 * </ul>
 * Instances are immutable.
 */
public final class Sbc {
    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** Most bins chosen automatically. */
    public static final int MAX_AUTO_BINS = 20;
    /** Share of the rank range in each tail used to classify a flagged parameter. */
    public static final double TAIL_FRACTION = 0.1;

    private final double alpha;
    private final int bins;

    private Sbc(double alpha, int bins) {
        this.alpha = alpha;
        this.bins = bins;
    }

    /** α = 0.01, automatic bins. */
    public static Sbc defaults() {
        return new Sbc(DEFAULT_ALPHA, 0);
    }

    /**
     * @param level the significance level, in (0, 1)
     * @return a copy with that level
     */
    public Sbc withAlpha(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("alpha = " + level + " is invalid; it must be in (0, 1), e.g. 0.01");
        }
        return new Sbc(level, bins);
    }

    /**
     * @param count the number of histogram bins, 2 … L+1, or 0 to choose automatically
     * @return a copy with that many bins
     */
    public Sbc withBins(int count) {
        if (count == 1 || count < 0) {
            throw new IllegalArgumentException("bins = " + count + " is invalid; use 0 (automatic) or at least 2");
        }
        return new Sbc(alpha, count);
    }

    /**
     * The automatic number of bins (see the class comment).
     *
     * @param draws L
     * @param n N
     * @return B
     */
    public static int defaultBins(int draws, int n) {
        int max = Math.min(MAX_AUTO_BINS, Math.min(draws + 1, Math.max(2, n / 5)));
        for (int b = max; 2 * b >= max && b >= 2; b--) {
            if ((draws + 1) % b == 0) {
                return b;
            }
        }
        return max;
    }

    /**
     * Runs SBC.
     *
     * @param sample the calibration sample
     * @return ranks, histograms, tests and verdicts per parameter
     */
    public SbcResult analyze(CalibrationSample sample) {
        requireNonNull(sample, "sample is null");
        int n = sample.size();
        int draws = sample.draws();
        int d = sample.dimension();
        int b = bins == 0 ? defaultBins(draws, n) : bins;
        if (b > draws + 1) {
            throw new IllegalArgumentException("bins = " + b + " is more than the " + (draws + 1)
                    + " possible ranks; use at most L+1 bins");
        }
        int[][] ranks = ranks(sample);

        double[] expected = new double[b];
        for (int k = 0; k <= draws; k++) {
            expected[bin(k, b, draws)] += (double) n / (draws + 1);
        }
        long[][] histograms = new long[d][b];
        double[] pValues = new double[d];
        double[] ksPValues = new double[d];
        double[] meanRank = new double[d];
        double[] outer = new double[d];
        List<CalibrationVerdict> verdicts = new ArrayList<>(d);
        List<String> sentences = new ArrayList<>(d);
        ChiSquareTest chiSquare = ChiSquareTest.withDefaults();
        for (int j = 0; j < d; j++) {
            int[] column = new int[n];
            long sum = 0;
            for (int i = 0; i < n; i++) {
                int r = ranks[i][j];
                column[i] = r;
                histograms[j][bin(r, b, draws)]++;
                sum += r;
            }
            pValues[j] = chiSquare.test(expected, histograms[j]).getPValue();
            ksPValues[j] = UniformRankTest.ksPValue(column, draws);
            meanRank[j] = (double) sum / n / draws;
            UniformRankTest.TailShape tails = UniformRankTest.TailShape.of(column, draws, TAIL_FRACTION);
            outer[j] = tails.outerMass();
            CalibrationVerdict verdict = classify(pValues[j], ksPValues[j], d, tails.zShape(), tails.zAsymmetry());
            verdicts.add(verdict);
            sentences.add(sentence(sample.parameterNames().get(j), verdict, pValues[j], ksPValues[j], meanRank[j],
                    outer[j], tails.expectedOuterMass()));
        }
        double pOuter = 2 * UniformRankTest.probabilityBelow(TAIL_FRACTION * (draws + 1), draws);
        return new SbcResult(sample.parameterNames(), ranks, draws, histograms, expected, pValues, ksPValues,
                meanRank, outer, pOuter, alpha, verdicts, sentences);
    }

    /** rᵢⱼ = #{l : θˡᵢⱼ &lt; θ*ᵢⱼ}. */
    static int[][] ranks(CalibrationSample sample) {
        int n = sample.size();
        int d = sample.dimension();
        int[][] ranks = new int[n][d];
        for (int i = 0; i < n; i++) {
            double[] truth = sample.thetaTrue()[i];
            int[] row = ranks[i];
            for (double[] draw : sample.posteriorSamples()[i]) {
                for (int j = 0; j < d; j++) {
                    if (draw[j] < truth[j]) {
                        row[j]++;
                    }
                }
            }
        }
        return ranks;
    }

    private static int bin(int rank, int bins, int draws) {
        return (int) ((long) rank * bins / (draws + 1));
    }

    private CalibrationVerdict classify(double pChi, double pKs, int dimension, double zShape, double zAsymmetry) {
        if (Math.min(pChi, pKs) >= alpha / (2.0 * dimension)) {
            return CalibrationVerdict.CALIBRATED;
        }
        if (Math.abs(zAsymmetry) > Math.abs(zShape)) {
            return zAsymmetry > 0 ? CalibrationVerdict.BIASED_LOW : CalibrationVerdict.BIASED_HIGH;
        }
        return zShape > 0 ? CalibrationVerdict.OVER_CONFIDENT : CalibrationVerdict.UNDER_CONFIDENT;
    }

    private static String sentence(String name, CalibrationVerdict verdict, double pChi, double pKs, double meanRank,
                                   double outer, double pOuter) {
        String why = switch (verdict) {
            case CALIBRATED -> "ranks look uniform";
            case OVER_CONFIDENT -> "ranks pile up at the extremes: " + UniformRankTest.percent(outer)
                    + " in the outer " + UniformRankTest.percent(pOuter) + " of the range; the posterior is too narrow";
            case UNDER_CONFIDENT -> "ranks bunch in the middle: only " + UniformRankTest.percent(outer)
                    + " in the outer " + UniformRankTest.percent(pOuter) + " of the range; the posterior is too wide";
            case BIASED_LOW -> String.format(Locale.ROOT, "true values tend to lie above the posterior samples: "
                    + "mean normalised rank %.3f", meanRank);
            case BIASED_HIGH -> String.format(Locale.ROOT, "true values tend to lie below the posterior samples: "
                    + "mean normalised rank %.3f", meanRank);
        };
        return "parameter " + name + ": " + verdict.phrase() + " (" + why + "; "
                + UniformRankTest.pValue("uniformity", pChi) + ", " + UniformRankTest.pValue("KS", pKs) + ")";
    }
}
