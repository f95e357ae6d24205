package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.sbi4j.runtime.ComponentResolver;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.plugin.PluginDiscovery;
import org.sbi4j.runtime.plugin.PluginRegistry;

/**
 * How to build a plan's simulator and prior in another JVM (a cluster's executor): the resolved config as JSON
 * (observations left out: they are files of the machine that started the job), the sbi4j home and the plugin folder.
 * The other JVM finds the plugins on its own class path (or in the plugin folder, when it has one) and builds the
 * same components, so its batches are the batches of this JVM.
 *
 * @param config the resolved config, as JSON
 * @param home the sbi4j home, as the plugins see it
 * @param pluginDirectory the plugin folder, or {@code null}
 */
public record SimulationRecipe(String config, String home, String pluginDirectory) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks the arguments. */
    public SimulationRecipe {
        requireNonNull(config, "config is null");
        requireNonNull(home, "home is null");
    }

    /**
     * The recipe of a resolved config.
     *
     * @param resolvedConfig the resolved config
     * @param home the sbi4j home
     * @param pluginDirectory the plugin folder, or {@code null}
     * @return the recipe
     */
    public static SimulationRecipe of(JsonNode resolvedConfig, Path home, Path pluginDirectory) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = resolvedConfig.deepCopy();
        copy.putArray("observations");
        return new SimulationRecipe(copy.toString(), home.toString(),
                pluginDirectory == null ? null : pluginDirectory.toString());
    }

    /**
     * Builds the simulator and the prior with the plugins {@code loader} sees.
     *
     * @param loader where plugins are looked for (on an executor: its context class loader)
     * @return the components
     */
    public ComponentResolver.Simulation build(ClassLoader loader) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(config);
        } catch (IOException e) {
            throw new IllegalStateException("a simulation recipe holds malformed JSON", e);
        }
        RunConfig bound = SettingsBinder.bind(tree, RunConfig.class, "config");
        Path plugins = pluginDirectory == null ? null : Path.of(pluginDirectory);
        PluginRegistry registry = new PluginRegistry(PluginDiscovery.discover(loader,
                plugins != null && java.nio.file.Files.isDirectory(plugins) ? plugins : null));
        Path homePath = Path.of(home);
        return new ComponentResolver(registry, () -> homePath).resolveSimulation(bound);
    }
}
