package org.sbi4j.runtime.report;

import java.util.List;

import org.sbi4j.api.TrainingSummary;
import org.sbi4j.runtime.diagnostics.CalibrationReport;
import org.sbi4j.runtime.diagnostics.RatioRoc;
import org.sbi4j.runtime.store.Manifest;

/**
 * Everything the diagnostics found about one trained model, as written to {@code diagnostics.json} and shown in
 * {@code report.html}.
 *
 * @param sbi4jVersion the runtime that made the report
 * @param simulator the simulator's name
 * @param estimator the estimator's name
 * @param refinement the refinement applied before sampling ({@code none} or {@code importance-sampling})
 * @param seed the seed of every check
 * @param simulations counts and time of the training simulations
 * @param training losses and statistics of the fit
 * @param calibration SBC, expected coverage and TARP over prior draws, or {@code null} when skipped
 * @param ratioCheck the ROC check of a learned likelihood-to-evidence ratio (algorithms.md §3.5), or {@code null}
 *                   when the posterior is not prior × a learned ratio or calibration checks are off
 * @param observations the checks of each observation
 * @param findings plain-language conclusions, problems first
 * @param figures the base names of the pictures written beside the report (PNG and SVG)
 */
public record DiagnosticsReport(String sbi4jVersion, String simulator, String estimator, String refinement, long seed,
                                Manifest.SimulationStatistics simulations, TrainingSummary training,
                                CalibrationReport calibration, RatioRoc.Result ratioCheck,
                                List<ObservationReport> observations,
                                List<Finding> findings, List<String> figures) {

    /** Copies the lists. */
    public DiagnosticsReport {
        observations = List.copyOf(observations);
        findings = List.copyOf(findings);
        figures = List.copyOf(figures);
    }

    /** Whether any finding is a {@link Finding.Level#PROBLEM}. */
    public boolean hasProblems() {
        return findings.stream().anyMatch(f -> f.level() == Finding.Level.PROBLEM);
    }
}
