package org.sbi4j.samplers.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.List;
import java.util.ServiceLoader;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.SamplerFactory;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;
import org.junit.jupiter.api.Test;

class TestMcmcPlugin {

    @Test
    void isFoundByTheServiceLoaderWithEverySampler() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(plugins).hasAtLeastOneElementOfType(McmcPlugin.class);
        List<String> names = new McmcPlugin().samplerFactories().stream().map(SamplerFactory::name).toList();
        assertThat(names).containsExactly("metropolis-hastings", "hmc", "slice", "nuts");
    }

    @Test
    void everySettingIsDocumentedAndTheDefaultsAreValid() throws Exception {
        for (SamplerFactory<?> factory : new McmcPlugin().samplerFactories()) {
            Settings settings = factory.settingsType().getConstructor().newInstance();
            settings.validate();
            for (Field f : factory.settingsType().getFields()) {
                assertThat(f.getAnnotation(Setting.class)).as(factory.name() + "." + f.getName()).isNotNull();
            }
            assertThat(create(factory, settings)).isNotNull();
        }
    }

    @Test
    void badSettingsNameTheKeyAndTheRange() {
        Hmc.Settings s = new Hmc.Settings();
        s.targetAcceptance = 1.5;
        assertThatThrownBy(s::validate).hasMessageContaining("target-acceptance = 1.5");
        Slice.Settings t = new Slice.Settings();
        t.chains = 0;
        assertThatThrownBy(t::validate).hasMessageContaining("chains = 0");
    }

    @SuppressWarnings("unchecked")
    private static <S extends Settings> Object create(SamplerFactory<S> factory, Settings settings) {
        return factory.create((S) settings, null);
    }
}
