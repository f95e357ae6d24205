package org.sbi4j.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.ObservationInput;

import org.sbi4j.runtime.RunReport;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.config.RunConfig;

/** The diagnostics service, called directly and as the checks at the end of a run. */
class TestDiagnostics {
    private static final Diagnostics DIAGNOSTICS = new Diagnostics();
    private static final String BASE = "seed: 3\nsimulator: {type: linear-gaussian, noise: 0.5}\n"
            + "estimator: {type: linear-regression}\nsimulation: {budget: 4000, batch-size: 250}\n";

    @TempDir
    Path dir;

    private final Sbi4j sbi = Sbi4j.builder().build();

    private RunConfig config(String yaml) {
        return sbi.config(ConfigFiles.parse(yaml, "test"));
    }

    @Test
    void diagnoseWritesTheReportAndChecksItsArguments() {
        TrainedModel model = sbi.train(config(BASE));
        DiagnosticsSpec spec = new DiagnosticsSpec();
        spec.sbc = 300;
        spec.coverage = 300;
        spec.draws = 99;
        spec.predictive = 100;
        Path out = dir.resolve("diagnostics");
        DiagnosticsReport report = DIAGNOSTICS.diagnose(model, List.of(ObservationInput.of("x", new double[] {1.0, -0.5})),
                spec, 5, 2, out);
        // linear regression recovers the conjugate posterior: calibrated
        assertThat(report.calibration().sbc().verdicts())
                .containsOnly(org.sbi4j.runtime.diagnostics.CalibrationVerdict.CALIBRATED);
        assertThat(report.calibration().coverage().method()).isEqualTo("hpd");
        assertThat(report.observations().get(0).predictive().pValue()).isGreaterThan(0.01);
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("diagnostics.json")).isNotEmptyFile();
        assertThat(out.resolve("plots/sbc-ranks.svg")).isNotEmptyFile();

        DiagnosticsSpec bad = new DiagnosticsSpec();
        bad.draws = 0;
        assertThatThrownBy(() -> DIAGNOSTICS.diagnose(model, List.of(), bad, 5, 2, out))
                .isInstanceOf(SbiException.class).hasMessageContaining("diagnostics.draws = 0");
        assertThatThrownBy(() -> DIAGNOSTICS.diagnose(model, List.of(ObservationInput.of("x", new double[] {1.0})),
                spec, 5, 2, out)).isInstanceOf(SbiException.class).hasMessageContaining("observation 'x'");
    }

    @Test
    void aRunEndsWithTheReportWhenThisModuleIsOnTheClassPath() {
        RunReport report = sbi.run(config(BASE + "observations: [{values: [0.5, 0.5]}]\n"
                + "diagnostics: {sbc: 100, coverage: 100, draws: 49, predictive: 50}"), dir.resolve("run"));
        assertThat(report.checks()).isNotNull();
        assertThat(report.checks().page()).isEqualTo(dir.resolve("run").resolve(ReportWriter.HTML_FILE));
        assertThat(report.checks().page()).isNotEmptyFile();
        assertThat(dir.resolve("run/diagnostics.json")).isNotEmptyFile();
    }
}
