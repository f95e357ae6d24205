package org.sbi4j.runtime.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.runtime.ComponentResolver;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.simulate.InvalidPolicy;
import org.sbi4j.runtime.simulate.LocalSimulationBackend;
import org.sbi4j.runtime.simulate.ProgressReporter;
import org.sbi4j.runtime.simulate.SimulationBackend;
import org.sbi4j.runtime.simulate.SimulationEngine;
import org.sbi4j.runtime.simulate.SimulationRecipe;

/**
 * The Spark backend on a {@code local[2]} master: the store it fills is the local backend's, byte for byte, and
 * without a store it gives the local training bank.
 */
class TestSparkBackend {
    @TempDir
    Path dir;

    @Test
    void localTwoGivesTheStoreOfTheLocalBackendByteForByte() throws Exception {
        Sbi4j sbi = StoreFiles.runtime();
        StoreFiles.fill(sbi, dir.resolve("local"), 3000, "{type: local}");
        SimulationEngine.StoreReport spark = StoreFiles.fill(sbi, dir.resolve("spark"), 3000,
                "{type: spark, master: 'local[2]', batches-per-task: 2}");
        assertThat(spark.simulated()).isEqualTo(12);
        assertThat(StoreFiles.files(dir.resolve("spark"))).hasSize(1 + 12 * 4)
                .isEqualTo(StoreFiles.files(dir.resolve("local")));

        SimulationEngine.StoreReport extended = StoreFiles.fill(sbi, dir.resolve("spark"), 4000,
                "{type: spark, master: 'local[2]'}");
        assertThat(extended.found()).isEqualTo(12);
        assertThat(extended.simulated()).isEqualTo(4);
        StoreFiles.fill(sbi, dir.resolve("local"), 4000, "{type: local}");
        assertThat(StoreFiles.files(dir.resolve("spark"))).isEqualTo(StoreFiles.files(dir.resolve("local")));
    }

    @Test
    void withoutAStoreTheTrainingBankIsTheLocalOne() throws Exception {
        Sbi4j sbi = StoreFiles.runtime();
        Path file = dir.resolve("c.yaml");
        java.nio.file.Files.writeString(file, "seed: 3\nsimulator: {type: two-moons}\nestimator: {type: npe}\n");
        SimulationRecipe recipe = SimulationRecipe.of(SettingsBinder.toNode(sbi.config(file, java.util.List.of())),
                dir, null);
        ComponentResolver.Simulation simulation = recipe.build(getClass().getClassLoader());
        SimulationEngine.Request request = new SimulationEngine.Request(simulation.prior(), simulation.simulator(),
                1234, 100, 2, 3, InvalidPolicy.DROP);
        SimulationEngine engine = new SimulationEngine(ProgressReporter.SILENT);
        SparkSettings settings = new SparkSettings();
        settings.master = "local[2]";
        Simulations spark;
        try (SimulationBackend backend = new SparkBackendFactory().create(settings,
                new LocalSimulationBackend(LocalWorkerPool.shared()))) {
            spark = engine.simulate(request, recipe, backend, null, true).simulations();
        }
        Simulations local = engine.run(request);
        assertThat(spark.theta()).isDeepEqualTo(local.theta());
        assertThat(spark.data()).isDeepEqualTo(local.data());
    }

    @Test
    void unknownSettingsAndAnUnreachableMasterAreClearErrors() {
        Sbi4j sbi = StoreFiles.runtime();
        assertThatThrownBy(() -> StoreFiles.fill(sbi, dir.resolve("a"), 500, "{type: spark, mastr: 'local[2]'}"))
                .isInstanceOf(SbiException.class).hasMessageContaining("mastr").hasMessageContaining("master");
        assertThatThrownBy(() -> StoreFiles.fill(sbi, dir.resolve("b"), 500, "{type: spark, master: 'nonsense://x'}"))
                .isInstanceOf(SbiException.class).hasMessageContaining("cannot start Spark with master nonsense://x");
    }
}
