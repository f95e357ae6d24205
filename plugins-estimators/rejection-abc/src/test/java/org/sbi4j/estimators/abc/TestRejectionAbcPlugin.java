package org.sbi4j.estimators.abc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

class TestRejectionAbcPlugin {

    @Test
    void serviceLoaderFindsTheEstimator() {
        EstimatorFactory<?> factory = ServiceLoader.load(Plugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(RejectionAbcPlugin.class::isInstance)
                .findFirst().orElseThrow()
                .estimatorFactories().get(0);
        assertThat(factory.name()).isEqualTo("rejection-abc");
        assertThat(factory.settingsType()).isEqualTo(RejectionAbcSettings.class);
        assertThat(factory.description()).isNotBlank();
        assertThat(new RejectionAbcPlugin().simulatorFactories()).isEmpty();
    }
}
