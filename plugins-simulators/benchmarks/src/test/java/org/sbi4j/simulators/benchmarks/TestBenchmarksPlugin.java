package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.Prior;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

class TestBenchmarksPlugin {
    private static final List<String> NAMES = List.of("two-moons", "gaussian-linear", "gaussian-linear-uniform",
            "gaussian-mixture", "slcp", "slcp-distractors", "bernoulli-glm", "sir", "lotka-volterra");

    private static PluginContext home(Path home) {
        return () -> home;
    }

    @Test
    void serviceLoaderFindsThePluginWithAllNineTasks() {
        List<String> names = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof BenchmarksPlugin).findFirst().orElseThrow().simulatorFactories().stream()
                .map(SimulatorFactory::name).toList();
        assertThat(names).containsExactlyElementsOf(NAMES);
    }

    @Test
    void everyTaskFindsItsReferenceDataUnderTheDefaultDataDir() {
        Path repository = SbibmTestData.root().getParent().getParent();
        for (SimulatorFactory<?> factory : new BenchmarksPlugin().simulatorFactories()) {
            Simulator simulator = create(factory, new BenchmarkSettings(), home(repository));
            Prior prior = simulator.defaultPrior().orElseThrow();
            assertThat(prior.parameterNames()).as(factory.name()).isEqualTo(simulator.parameterNames());
            ReferenceData reference = simulator.referenceData().orElseThrow(
                    () -> new AssertionError(factory.name() + " has no reference data"));
            assertThat(reference.observationCount()).as(factory.name()).isEqualTo(10);
            for (int number : new int[] {1, 10}) {
                assertThat(reference.observation(number)).hasSize(simulator.dataNames().size());
                assertThat(reference.trueParameters(number)).hasSize(simulator.parameterNames().size());
                assertThat(prior.logDensity(reference.trueParameters(number))).as(factory.name()).isFinite();
                double[][] samples = reference.referenceSamples(number);
                assertThat(samples).hasNumberOfRows(10_000);
                assertThat(samples[0]).hasSize(simulator.parameterNames().size());
            }
            // copies: changing what was handed out changes nothing inside
            reference.observation(1)[0] = 1e9;
            assertThat(reference.observation(1)[0]).isNotEqualTo(1e9);
            assertThatThrownBy(() -> reference.observation(11)).hasMessageContaining("1 to 10");
        }
    }

    @Test
    void aMissingDataFolderMeansNoReferenceDataButAWorkingSimulator(@TempDir Path empty) {
        BenchmarkSettings settings = new BenchmarkSettings();
        settings.dataDir = "nowhere";
        for (SimulatorFactory<?> factory : new BenchmarksPlugin().simulatorFactories()) {
            Simulator simulator = create(factory, settings, home(empty));
            assertThat(simulator.referenceData()).as(factory.name()).isEmpty();
            double[][] theta = simulator.defaultPrior().orElseThrow().sample(3, PosteriorCheck.rng(1));
            assertThat(simulator.simulate(theta, PosteriorCheck.rng(2)).size()).isEqualTo(3);
        }
    }

    @Test
    void blankDataDirIsRejected() {
        BenchmarkSettings settings = new BenchmarkSettings();
        settings.dataDir = " ";
        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data-dir");
    }

    @SuppressWarnings("unchecked")
    private static Simulator create(SimulatorFactory<?> factory, BenchmarkSettings settings, PluginContext context) {
        assertThat(factory.settingsType()).isEqualTo(BenchmarkSettings.class);
        return ((SimulatorFactory<BenchmarkSettings>) factory).create(settings, context);
    }
}
