package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;

/**
 * The outcome of {@link ExpectedCoverage}: the empirical coverage curve and its verdict.
 *
 * @param method {@code "hpd"} or {@code "mahalanobis"}
 * @param levels the credibility levels γ
 * @param coverage the share of true parameters inside their credible region, per level
 * @param expected the coverage of a calibrated posterior, ⌈γL⌉/(L+1) ≈ γ, per level
 * @param standardErrors the binomial standard error √(γ(1−γ)/N) of the coverage under calibration, per level
 * @param centralCounts kᵢ, the number of posterior draws more central than θ*ᵢ, per observation
 * @param verdict calibrated, over-confident (curve below the diagonal) or under-confident (above)
 * @param worstLevel the level with the largest standardised deviation
 * @param worstZ that deviation, (coverage − expected)/s.e.
 * @param sentence a plain-language summary
 */
public record CoverageResult(String method, double[] levels, double[] coverage, double[] expected,
                             double[] standardErrors, int[] centralCounts, CalibrationVerdict verdict,
                             double worstLevel, double worstZ, String sentence) {
    @Override
    public String toString() {
        return "CoverageResult[method=" + method + ", levels=" + Arrays.toString(levels) + ", coverage="
                + Arrays.toString(coverage) + ", verdict=" + verdict + ", worstLevel=" + worstLevel + ", worstZ="
                + worstZ + "]";
    }
}
