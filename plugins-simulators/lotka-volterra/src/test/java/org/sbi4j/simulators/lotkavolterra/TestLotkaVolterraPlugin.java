package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.Settings;
import org.sbi4j.spi.SimulatorFactory;

/** The plugin is found by the ServiceLoader and its factories build working simulators from default settings. */
class TestLotkaVolterraPlugin {
    private static final PluginContext CONTEXT = () -> Path.of(".");

    @Test
    void serviceLoaderFindsBothFactories() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof LotkaVolterraPlugin).collect(Collectors.toList());
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0).simulatorFactories()).extracting(SimulatorFactory::name)
                .containsExactly("lotka-volterra-ode", "lotka-volterra-mjp");
    }

    @Test
    void factoriesBuildFromDefaultSettings() throws Exception {
        for (SimulatorFactory<?> factory : new LotkaVolterraPlugin().simulatorFactories()) {
            assertThat(factory.description()).isNotBlank();
            Simulator simulator = create(factory);
            assertThat(simulator.parameterNames()).hasSize(4);
            assertThat(simulator.defaultPrior()).isPresent();
        }
        Simulator ode = create(new LotkaVolterraOdeSimulatorFactory());
        assertThat(ode).isInstanceOf(Likelihood.class).isInstanceOf(DifferentiableSimulator.class);
        assertThat(ode.dataNames()).hasSize(20);
        assertThat(create(new LotkaVolterraMjpSimulatorFactory()).dataNames()).hasSize(9);
    }

    private static <S extends Settings> Simulator create(SimulatorFactory<S> factory) throws Exception {
        S settings = factory.settingsType().getConstructor().newInstance();
        settings.validate();
        return factory.create(settings, CONTEXT);
    }
}
