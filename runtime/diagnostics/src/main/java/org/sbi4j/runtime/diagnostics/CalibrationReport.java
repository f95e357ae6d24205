package org.sbi4j.runtime.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * All calibration checks of one posterior, from {@link Calibration#analyze}.
 *
 * @param simulations N, the number of (θ*, x) pairs
 * @param draws L, the posterior draws per observation
 * @param invalidSimulations simulations that failed and were replaced
 * @param sbc simulation-based calibration, per parameter ({@code null} when skipped)
 * @param coverage expected coverage of credible regions ({@code null} when skipped)
 * @param tarp TARP coverage ({@code null} when skipped)
 */
public record CalibrationReport(int simulations, int draws, int invalidSimulations, SbcResult sbc,
                                CoverageResult coverage, TarpResult tarp) {
    /** One sentence per parameter (SBC), then coverage, then TARP; skipped checks have none. */
    public List<String> sentences() {
        List<String> out = new ArrayList<>();
        if (sbc != null) {
            out.addAll(sbc.sentences());
        }
        if (coverage != null) {
            out.add(coverage.sentence());
        }
        if (tarp != null) {
            out.add(tarp.sentence());
        }
        return List.copyOf(out);
    }

    /** Whether no check that ran found a miscalibration. */
    public boolean calibrated() {
        return (sbc == null || sbc.calibrated())
                && (coverage == null || coverage.verdict() == CalibrationVerdict.CALIBRATED)
                && (tarp == null || tarp.verdict() == CalibrationVerdict.CALIBRATED);
    }
}
