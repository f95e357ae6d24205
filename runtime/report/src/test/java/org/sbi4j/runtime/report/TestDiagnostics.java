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
import org.sbi4j.runtime.diagnostics.RatioRoc;

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

    private static final String RATIO = "seed: 3\nsimulator: {type: linear-gaussian, noise: 0.5}\n"
            + "simulation: {budget: 500, batch-size: 250}\n";

    private static DiagnosticsSpec ratioSpec() {
        DiagnosticsSpec spec = new DiagnosticsSpec();
        spec.sbc = 20;
        spec.coverage = 0;
        spec.draws = 19;
        spec.predictive = 0;
        spec.referencePoints = 400;
        return spec;
    }

    @Test
    void theRocCheckPassesAnExactRatioAndFlagsAnOverconfidentOne() {
        ObservationInput x = ObservationInput.of("obs01", new double[] {0.4, -0.3});
        DiagnosticsReport exact = DIAGNOSTICS.diagnose(sbi.train(config(RATIO + "estimator: {type: linear-ratio}\n")),
                List.of(x), ratioSpec(), 5, 2, dir.resolve("exact"));
        assertThat(exact.ratioCheck().auc()).isLessThan(RatioRoc.AUC_WARNING);
        assertThat(exact.findings()).anySatisfy(f -> assertThat(f.message()).contains("ROC check")
                .satisfies(m -> assertThat(f.level()).isEqualTo(Finding.Level.OK)));
        // the ratio squared: a classifier twice as sure as it should be
        DiagnosticsReport sharp = DIAGNOSTICS.diagnose(sbi.train(config(RATIO
                + "estimator: {type: linear-ratio, sharpness: 2}\n")), List.of(x), ratioSpec(), 5, 2, dir.resolve("sharp"));
        assertThat(sharp.ratioCheck().auc()).isGreaterThan(RatioRoc.AUC_WARNING);
        assertThat(sharp.findings()).anySatisfy(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.WARNING);
            assertThat(f.message()).contains("ROC check", "mis-estimated", "more simulations");
        });
        assertThat(dir.resolve("sharp/report.html")).content().contains("Ratio classifier: ROC check");
    }

    @Test
    void theChainSectionShowsRhatEssAndTracesAndAPoorChainWarns() {
        ObservationInput x = ObservationInput.of("obs01", new double[] {0.4, -0.3});
        DiagnosticsSpec spec = ratioSpec();
        spec.sbc = 0;
        // nuts, 4 chains of 1000: they mix
        spec.referencePoints = 4000;
        Path good = dir.resolve("good");
        DiagnosticsReport mixed = DIAGNOSTICS.diagnose(sbi.train(config(RATIO + "estimator: {type: linear-ratio}\n"
                + "sampler: {type: nuts, chains: 4}\n")), List.of(x), spec, 5, 2, good);
        ChainSummary chains = mixed.observations().get(0).chains();
        assertThat(chains.sampler()).isEqualTo("nuts");
        assertThat(chains.chains()).isEqualTo(4);
        assertThat(chains.rHat()).hasSize(2);
        assertThat(chains.maxRHat()).isLessThan(1.01);
        assertThat(chains.minEffectiveSampleSize()).isGreaterThan(100);
        assertThat(chains.divergences()).isZero();
        assertThat(mixed.figures()).contains("obs01-trace");
        assertThat(good.resolve("plots/obs01-trace.png")).isNotEmptyFile();
        assertThat(good.resolve("report.html")).content().contains("Markov chains", "R-hat", "effective sample size",
                "acceptance rate", "divergences", "Trace plots of obs01");
        assertThat(mixed.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("chains (nuts"));
        // a random walk with 10 warm-up iterations and no thinning: autocorrelated draws, and the report says so
        spec.referencePoints = 400;
        DiagnosticsReport poor = DIAGNOSTICS.diagnose(sbi.train(config(RATIO + "estimator: {type: linear-ratio}\n"
                + "sampler: {type: metropolis-hastings, chains: 4, warm-up: 10}\n")), List.of(x), spec, 5, 2,
                dir.resolve("poor"));
        assertThat(poor.findings()).anySatisfy(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.WARNING);
            assertThat(f.topic()).isEqualTo("obs01");
            assertThat(f.message()).contains("chains: metropolis-hastings", "effective sample size", "raise thin");
        });
    }
}
