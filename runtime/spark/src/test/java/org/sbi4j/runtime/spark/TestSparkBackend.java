package org.sbi4j.runtime.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.runtime.ComponentResolver;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.simulate.BatchPlan;
import org.sbi4j.runtime.simulate.InvalidPolicy;
import org.sbi4j.runtime.simulate.LocalSimulationBackend;
import org.sbi4j.runtime.simulate.Progress;
import org.sbi4j.runtime.simulate.ProgressReporter;
import org.sbi4j.runtime.simulate.SimulationBackend;
import org.sbi4j.runtime.simulate.SimulationEngine;
import org.sbi4j.runtime.simulate.SimulationRecipe;

/**
 * The Spark backend on a {@code local[2]} master: the store it fills is the local backend's, byte for byte, and
 * without a store it gives the local training bank; a store that fails (a full disk) ends the job with the store's
 * own error; the backend's Spark defaults give way to the configured properties.
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

    /** The recipe of a two-moons job with seed 3. */
    private SimulationRecipe twoMoonsRecipe() throws java.io.IOException {
        Sbi4j sbi = StoreFiles.runtime();
        Path file = dir.resolve("c.yaml");
        java.nio.file.Files.writeString(file, "seed: 3\nsimulator: {type: two-moons}\nestimator: {type: npe}\n");
        return SimulationRecipe.of(SettingsBinder.toNode(sbi.config(file, java.util.List.of())), dir, null);
    }

    @Test
    void withoutAStoreTheTrainingBankIsTheLocalOne() throws Exception {
        SimulationRecipe recipe = twoMoonsRecipe();
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
    void aStoreThatFailsEndsTheJobWithItsOwnErrorAndTheDefaultsGiveWayToConf() throws Exception {
        SimulationRecipe recipe = twoMoonsRecipe();
        ComponentResolver.Simulation simulation = recipe.build(getClass().getClassLoader());
        BatchPlan plan = new BatchPlan(simulation.simulator(), simulation.prior(), null, 1000, 100, 2, 3,
                "simulation", recipe);
        SparkSettings settings = new SparkSettings();
        settings.master = "local[2]";
        settings.batchesPerTask = 1;
        settings.conf.put("spark.broadcast.compress", "true");
        SbiException full = new SbiException(ErrorType.EXTERNAL, "the simulation store: no space left on device");
        AtomicInteger stored = new AtomicInteger();
        try (SparkSimulationBackend backend = new SparkSimulationBackend(settings,
                new LocalSimulationBackend(LocalWorkerPool.shared()))) {
            assertThatThrownBy(() -> backend.run(plan, IntStream.range(0, 10).toArray(), (b, batch) -> {
                if (stored.incrementAndGet() == 3) {
                    throw full;
                }
            }, Progress.NONE)).as("the store's error, not Spark's wrapping of it").isSameAs(full);
            SparkConf conf = backend.conf();
            assertThat(conf.get("spark.broadcast.compress")).isEqualTo("true");
            assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
            assertThat(conf.get("spark.driver.maxResultSize")).isEqualTo("0");
            assertThat(conf.get("spark.task.maxDirectResultSize")).isEqualTo("128m");
        }
        assertThat(stored.get()).as("nothing handed to the store after its failure").isEqualTo(3);
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
