package org.sbi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.simulate.Progress;
import org.sbi4j.runtime.simulate.ProgressReporter;

/** The sizes of a run: the estimator's minimum of simulations, and what fits in the heap. */
class TestRunSizes {
    private static final String BASE = "seed: 3\nsimulator: {type: linear-gaussian}\n";

    /** Counts the simulations started, to show that a refused run simulated nothing. */
    private static final class CountingProgress implements ProgressReporter {
        int started;

        @Override
        public Progress start(String task, long total, String unit) {
            started++;
            return ProgressReporter.SILENT.start(task, total, unit);
        }
    }

    private final CountingProgress progress = new CountingProgress();
    private final Sbi4j sbi = Sbi4j.builder().progress(progress).build();

    private RunConfig config(String yaml) {
        return sbi.config(ConfigFiles.parse(BASE + yaml, "test"));
    }

    @Test
    void aBudgetBelowTheEstimatorsMinimumIsRefusedBeforeSimulating() {
        RunConfig config = config("estimator: {type: linear-regression, minimum-simulations: 50}\n"
                + "simulation: {budget: 5}\n");
        assertThatThrownBy(() -> sbi.train(config)).isInstanceOf(SbiException.class)
                .satisfies(e -> assertThat(((SbiException) e).type()).isEqualTo(ErrorType.USER_ERROR))
                .hasMessageContaining("simulation.budget = 5 is below the 50 simulations estimator "
                        + "'linear-regression' needs to train")
                .hasMessageContaining("raise simulation.budget to at least 50");
        assertThat(progress.started).as("nothing simulated").isZero();
        assertThat(sbi.train(config("estimator: {type: linear-regression, minimum-simulations: 50}\n"
                + "simulation: {budget: 50}\n")).manifest().simulations().valid()).isEqualTo(50);
    }

    @Test
    void tooFewValidSimulationsAreRefusedAfterSimulating() {
        RunConfig config = sbi.config(ConfigFiles.parse("seed: 3\nsimulator: {type: linear-gaussian, "
                + "nan-fraction: 0.5}\nestimator: {type: linear-regression, minimum-simulations: 80}\n"
                + "simulation: {budget: 100, batch-size: 25}\n", "test"));
        assertThatThrownBy(() -> sbi.train(config)).isInstanceOf(SbiException.class)
                .hasMessageContaining("of 100 simulations are valid")
                .hasMessageContaining("below the 80 estimator 'linear-regression' needs to train")
                .hasMessageContaining("raise simulation.budget so that at least 80 succeed");
    }

    @Test
    void aBudgetTheHeapCannotHoldIsRefusedBeforeSimulating() {
        RunConfig config = config("estimator: {type: linear-regression}\nsimulation: {budget: 2000000000}\n");
        assertThatThrownBy(() -> sbi.train(config)).isInstanceOf(SbiException.class)
                .hasMessageContaining("simulation.budget = 2000000000 needs at least 298.0 GiB of memory "
                        + "(2000000000 simulations of 2 parameters and 2 data values, held by the runtime and by the "
                        + "estimator), but the Java heap holds at most")
                .hasMessageContaining("lower simulation.budget, or raise the heap above the need, e.g. SBI4J_HEAP=");
        assertThat(progress.started).as("nothing simulated").isZero();
    }

    @Test
    void samplesAndDiagnosticsTheHeapCannotHoldAreRefusedBeforeSimulating() {
        assertThatThrownBy(() -> sbi.train(config("estimator: {type: linear-regression}\nsamples: 2000000000\n")))
                .hasMessageContaining("samples = 2000000000 needs at least 74.5 GiB of memory (2000000000 posterior "
                        + "samples of 2 parameters)");
        assertThatThrownBy(() -> sbi.train(config("estimator: {type: linear-regression}\n"
                + "diagnostics: {draws: 2000000000}\n")))
                .hasMessageContaining("diagnostics.draws = 2000000000 needs at least")
                .hasMessageContaining("200 calibration simulations × 2000000000 posterior draws of 2 parameters");
        DiagnosticsSpec spec = new DiagnosticsSpec();
        spec.sbc = 2_000_000_000;
        assertThatThrownBy(() -> RunSizes.requireDiagnostics(spec, 3, 4, "--"))
                .hasMessageContaining("--sbc = 2000000000 needs at least");
        assertThat(progress.started).as("nothing simulated").isZero();
    }

    @Test
    void theEstimateCountsEachRowAsItsOwnArray() {
        assertThat(HeapBudget.rows(10, 2)).isEqualTo(10 * (24 + 16));
        assertThat(HeapBudget.rows(Long.MAX_VALUE / 2, 3)).isEqualTo(Long.MAX_VALUE);
        HeapBudget.require("x", 1, "one row", HeapBudget.rows(1, 1));
        assertThat(HeapBudget.describe(40L << 20)).isEqualTo("40.0 MiB");
        assertThat(HeapBudget.describe(3L << 30)).isEqualTo("3.0 GiB");
    }
}
