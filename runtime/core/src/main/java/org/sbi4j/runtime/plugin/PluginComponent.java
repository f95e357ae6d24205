package org.sbi4j.runtime.plugin;

import static java.util.Objects.requireNonNull;

import org.sbi4j.spi.ComponentFactory;

/**
 * A named factory contributed by a plugin.
 *
 * @param kind what it builds: simulator, prior or estimator
 * @param factory the factory
 * @param plugin the plugin that contributed it
 */
public record PluginComponent(ComponentKind kind, ComponentFactory<?, ?> factory, LoadedPlugin plugin) {
    /** Checks arguments. */
    public PluginComponent {
        requireNonNull(kind, "kind is null");
        requireNonNull(factory, "factory is null");
        requireNonNull(plugin, "plugin is null");
    }

    /** The factory's name. */
    public String name() {
        return factory.name();
    }
}
