package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

/**
 * Runs every calibration check with its defaults on one {@link CalibrationSample}: {@link Sbc},
 * {@link ExpectedCoverage} (HPD when the posterior has a density, else Mahalanobis) and {@link Tarp}.
 */
public final class Calibration {
    private Calibration() {
    }

    /**
     * Analyses a calibration sample.
     *
     * @param sample the sample, from {@link CalibrationSampler#draw}
     * @param seed the seed of TARP's reference points
     * @return the three results and their sentences
     */
    public static CalibrationReport analyze(CalibrationSample sample, long seed) {
        requireNonNull(sample, "sample is null");
        return new CalibrationReport(sample.size(), sample.draws(), sample.invalidSimulations(),
                Sbc.defaults().analyze(sample), ExpectedCoverage.defaults().analyze(sample),
                Tarp.defaults().analyze(sample, seed));
    }

    /**
     * Analyses the first {@code sbcSize} pairs of a sample with SBC and the first {@code coverageSize} with
     * expected coverage and TARP, at significance level {@code alpha}; a size of 0 skips those checks.
     *
     * @param sample the sample, from {@link CalibrationSampler#draw}, with at least max(sbcSize, coverageSize) pairs
     * @param seed the seed of TARP's reference points
     * @param alpha the significance level of every verdict
     * @param sbcSize pairs used by SBC (0 or at least 2)
     * @param coverageSize pairs used by expected coverage and TARP (0 or at least 2)
     * @return the results that ran ({@code null} for skipped ones) and their sentences
     */
    public static CalibrationReport analyze(CalibrationSample sample, long seed, double alpha, int sbcSize,
                                            int coverageSize) {
        requireNonNull(sample, "sample is null");
        if (Math.max(sbcSize, coverageSize) > sample.size() || sbcSize == 1 || coverageSize == 1
                || sbcSize < 0 || coverageSize < 0) {
            throw new IllegalArgumentException("sizes " + sbcSize + " and " + coverageSize + " do not fit a sample of "
                    + sample.size());
        }
        SbcResult sbc = sbcSize == 0 ? null : Sbc.defaults().withAlpha(alpha).analyze(sample.first(sbcSize));
        CalibrationSample forCoverage = coverageSize == 0 ? null : sample.first(coverageSize);
        return new CalibrationReport(sample.size(), sample.draws(), sample.invalidSimulations(), sbc,
                forCoverage == null ? null : ExpectedCoverage.defaults().withAlpha(alpha).analyze(forCoverage),
                forCoverage == null ? null : Tarp.defaults().withAlpha(alpha).analyze(forCoverage, seed));
    }
}
