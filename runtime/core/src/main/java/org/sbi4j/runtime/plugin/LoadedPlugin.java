package org.sbi4j.runtime.plugin;

import static java.util.Objects.requireNonNull;

import org.sbi4j.spi.Plugin;

/**
 * A plugin instance and where it came from.
 *
 * @param plugin the plugin
 * @param source the jar or folder that holds it (for messages and {@code sbi4j plugins})
 */
public record LoadedPlugin(Plugin plugin, String source) {
    /** Checks arguments. */
    public LoadedPlugin {
        requireNonNull(plugin, "plugin is null");
        requireNonNull(source, "source is null");
    }

    /** The plugin's class name. */
    public String name() {
        return plugin.getClass().getName();
    }

    /** The plugin's version. */
    public String version() {
        return plugin.version();
    }
}
