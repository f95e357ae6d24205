package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;
import org.sbi4j.testing.SeededRandom;

class TestMixturesPlugin {
    private static final PluginContext CONTEXT = () -> Path.of(".");

    @Test
    void pluginIsDiscoveredWithItsThreeFactories() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof MixturesPlugin).collect(Collectors.toList());
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0).simulatorFactories()).extracting(SimulatorFactory::name)
                .containsExactly("ring-of-modes", "sign-symmetric", "cube-corners");
    }

    @Test
    void defaultSettingsBuildTheDocumentedTasks() {
        Simulator ring = new RingOfModesSimulatorFactory().create(new RingOfModesSettings(), CONTEXT);
        assertThat(ring.parameterNames()).containsExactly("theta_1", "theta_2");
        assertThat(ring.dataNames()).containsExactly("x_1", "x_2");
        assertThat(((OffsetMixtureSimulator) ring).modes()).isEqualTo(4);
        assertThat(ring.defaultPrior().orElseThrow().upperBounds()).containsExactly(6, 6);

        Simulator signs = new SignSymmetricSimulatorFactory().create(new SignSymmetricSettings(), CONTEXT);
        assertThat(signs.parameterNames()).containsExactly("theta_1", "theta_2");
        assertThat(signs.defaultPrior().orElseThrow().lowerBounds()).containsExactly(-3, -3);

        CubeCornersSettings cubeSettings = new CubeCornersSettings();
        Simulator cube = new CubeCornersSimulatorFactory().create(cubeSettings, CONTEXT);
        assertThat(cube.dataNames()).containsExactly("x_1", "x_2", "x_3");
        assertThat(((OffsetMixtureSimulator) cube).offsets()).hasNumberOfRows(8);
        for (Simulator s : List.of(ring, signs, cube)) {
            assertThat(s).isInstanceOf(Likelihood.class).isInstanceOf(AnalyticPosterior.class);
            assertThat(((AnalyticPosterior) s).hasPosteriorDensity()).isTrue();
        }
    }

    @Test
    void settingsChangeTheTasks() {
        RingOfModesSettings ring = new RingOfModesSettings();
        ring.modes = 8;
        ring.radius = 2;
        double[][] offsets = ((OffsetMixtureSimulator) new RingOfModesSimulatorFactory().create(ring, CONTEXT)).offsets();
        assertThat(offsets).hasNumberOfRows(8);
        assertThat(offsets[2][1]).isEqualTo(2.0);
        SignSymmetricSettings signs = new SignSymmetricSettings();
        signs.dimension = 3;
        assertThat(new SignSymmetricSimulatorFactory().create(signs, CONTEXT).parameterNames()).hasSize(3);
        CubeCornersSettings cube = new CubeCornersSettings();
        cube.modes = 2;
        cube.halfSide = 1.5;
        assertThat(((OffsetMixtureSimulator) new CubeCornersSimulatorFactory().create(cube, CONTEXT)).offsets())
                .isDeepEqualTo(new double[][] {{1.5, 1.5, 1.5}, {-1.5, 1.5, 1.5}});
    }

    @Test
    void validationNamesTheSettingTheValueAndTheRange() {
        RingOfModesSettings ring = new RingOfModesSettings();
        ring.modes = 0;
        assertThatThrownBy(ring::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("modes = 0 must be between 1 and 64");
        ring.modes = 4;
        ring.sd = -1;
        assertThatThrownBy(ring::validate).hasMessage("sd = -1.0 must be positive and finite");
        CubeCornersSettings cube = new CubeCornersSettings();
        cube.modes = 9;
        assertThatThrownBy(cube::validate).hasMessage("modes = 9 must be between 1 and 8");
        cube.modes = 8;
        cube.halfSide = 0;
        assertThatThrownBy(cube::validate).hasMessage("half-side = 0.0 must be positive and finite");
        SignSymmetricSettings signs = new SignSymmetricSettings();
        signs.dimension = 11;
        assertThatThrownBy(signs::validate).hasMessage("dimension = 11 must be between 1 and 10");
        signs.dimension = 2;
        signs.bound = Double.NaN;
        assertThatThrownBy(signs::validate).hasMessage("bound = NaN must be positive and finite");
    }

    @Test
    void posteriorRejectsAnObservationOfTheWrongLength() {
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        assertThatThrownBy(() -> ring.samplePosterior(new double[3], 1, SeededRandom.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ring-of-modes: the observation has 3 components, expected 2");
        SignSymmetricSimulator signs = new SignSymmetricSimulator(2, 0.1, 3);
        assertThatThrownBy(() -> signs.posteriorLogDensity(new double[2], new double[] {1, Double.NaN}))
                .hasMessage("sign-symmetric: observation x_2 = NaN must be finite");
    }
}
