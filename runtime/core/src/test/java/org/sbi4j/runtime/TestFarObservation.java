package org.sbi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.runtime.testing.Stderr;

/** An observation far outside the simulated data is warned about, once, for any estimator. */
class TestFarObservation {
    @TempDir
    Path dir;

    private static final Manifest.DataStatistics STATS =
            new Manifest.DataStatistics(new double[] {0, 10, 3}, new double[] {1, 2, 0});
    private static final List<String> NAMES = List.of("a", "b", "c");

    @Test
    void farMeansMoreThanTenStandardDeviationsFromTheSimulationsMean() {
        assertThat(FarObservation.warning(new double[] {9.9, 10 - 19.8, 3}, STATS, NAMES)).isEmpty();
        assertThat(FarObservation.warning(new double[] {10.5, 10, 3}, STATS, NAMES)).hasValueSatisfying(m ->
                assertThat(m).startsWith("the observation lies far from every simulation: a = 10.5000 is 10.5 "
                        + "standard deviations from the simulations' mean 0.00000 (sd 1.00)")
                        .contains("More than 10 standard deviations out the estimator extrapolates")
                        .doesNotContain("b ="));
        assertThat(FarObservation.warning(new double[] {0, 10, 4}, STATS, NAMES)).hasValueSatisfying(m ->
                assertThat(m).contains("c = 4.00000 where every simulation gave 3.00000"));
        assertThat(FarObservation.warning(new double[] {1e300, 1e300, 3}, null, NAMES)).as("older model").isEmpty();
    }

    @Test
    void sampleWarnsOncePerObservationAndTheStatisticsSurviveSaving() {
        Sbi4j sbi = Sbi4j.builder().build();
        TrainedModel model = sbi.train(sbi.config(ConfigFiles.parse("seed: 3\nsimulator: {type: linear-gaussian}\n"
                + "estimator: {type: linear-regression}\nsimulation: {budget: 1000}\n", "test")));
        for (double sd : model.manifest().data().sd()) {
            assertThat(sd).as("sd of θ + 0.5ε, θ ~ N(0, 1)").isBetween(1.0, 1.25);
        }
        Path file = dir.resolve("model.zip");
        model.save(file);
        TrainedModel loaded = sbi.load(file);
        assertThat(loaded.manifest().data().mean()).containsExactly(model.manifest().data().mean());

        StringBuilder err = new StringBuilder();
        Stderr.capture(err, () -> {
            loaded.sample(new double[] {0.3, -0.2}, 10, 1);
            loaded.sample(new double[] {1e6, 0}, 10, 1);
            return loaded.sample(new double[] {1e6, 0}, 10, 2);
        });
        assertThat(err.toString()).contains("WARN").contains("the observation lies far from every simulation: x_1 = 1.00000e+06");
        assertThat(err.toString().split("lies far from every simulation", -1)).as("one warning for one observation").hasSize(2);
    }
}
