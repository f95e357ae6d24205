package org.sbi4j.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.sbi4j.api.Sampler;
import org.sbi4j.spi.SamplerFactory;
import org.sbi4j.spi.Settings;

/** Builds a sampler of a plugin by name, with its default settings and a chosen number of chains and warm-up. */
public final class SamplerFixtures {
    private SamplerFixtures() {
    }

    /**
     * A sampler from a plugin's factories.
     *
     * @param factories e.g. {@code new McmcPlugin().samplerFactories()}
     * @param name the sampler's name, e.g. {@code slice}
     * @param chains the value of its {@code chains} setting
     * @param warmUp the value of its {@code warmUp} setting
     * @return the sampler
     */
    public static Sampler create(List<SamplerFactory<?>> factories, String name, int chains, int warmUp) {
        SamplerFactory<?> factory = factories.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sampler '" + name + "' among "
                        + factories.stream().map(SamplerFactory::name).collect(Collectors.joining(", "))));
        return build(factory, chains, warmUp);
    }

    private static <S extends Settings> Sampler build(SamplerFactory<S> factory, int chains, int warmUp) {
        try {
            S settings = factory.settingsType().getDeclaredConstructor().newInstance();
            settings.getClass().getField("chains").setInt(settings, chains);
            settings.getClass().getField("warmUp").setInt(settings, warmUp);
            settings.validate();
            return factory.create(settings, () -> Path.of(""));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("sampler '" + factory.name() + "' has no public chains and warmUp "
                    + "settings", e);
        }
    }
}
