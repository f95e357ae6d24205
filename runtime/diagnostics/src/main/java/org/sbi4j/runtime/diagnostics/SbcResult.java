package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;
import java.util.List;

/**
 * The outcome of {@link Sbc}. Per-parameter arrays are indexed like {@link #parameterNames()}.
 *
 * @param parameterNames the parameter names
 * @param ranks rᵢⱼ ∈ {0, …, L}, N×d
 * @param draws L, the number of posterior draws per observation
 * @param histograms rank counts per parameter and bin, d×B
 * @param expectedCounts the expected count of each bin under calibration, B values (equal when B divides L+1)
 * @param pValues chi-square p-value of each parameter's histogram
 * @param ksPValues Kolmogorov–Smirnov p-value of each parameter's ranks (discrete, conservative)
 * @param meanNormalisedRanks mean of r/L per parameter; 0.5 under calibration
 * @param outerMass share of ranks in the lowest and highest 10% of the range, per parameter
 * @param expectedOuterMass that share under calibration (0.2 up to discreteness)
 * @param alpha the significance level of the verdicts
 * @param verdicts one verdict per parameter
 * @param sentences one plain-language sentence per parameter
 */
public record SbcResult(List<String> parameterNames, int[][] ranks, int draws, long[][] histograms,
                        double[] expectedCounts, double[] pValues, double[] ksPValues, double[] meanNormalisedRanks,
                        double[] outerMass, double expectedOuterMass, double alpha, List<CalibrationVerdict> verdicts,
                        List<String> sentences) {
    /** Copies the lists; arrays are kept (the analysis that creates them does not modify them afterwards). */
    public SbcResult {
        parameterNames = List.copyOf(parameterNames);
        verdicts = List.copyOf(verdicts);
        sentences = List.copyOf(sentences);
    }

    /** B, the number of histogram bins. */
    public int bins() {
        return expectedCounts.length;
    }

    /** Whether every parameter is {@link CalibrationVerdict#CALIBRATED}. */
    public boolean calibrated() {
        return verdicts.stream().allMatch(v -> v == CalibrationVerdict.CALIBRATED);
    }

    @Override
    public String toString() {
        return "SbcResult[draws=" + draws + ", bins=" + bins() + ", pValues=" + Arrays.toString(pValues)
                + ", ksPValues=" + Arrays.toString(ksPValues) + ", verdicts=" + verdicts + "]";
    }
}
