package org.sbi4j.runtime.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.Suggestions;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PriorFactory;
import org.sbi4j.spi.SamplerFactory;
import org.sbi4j.spi.SimulatorFactory;

/**
 * Every named factory found, by kind and name. Looking up an unknown name is a user error that lists the
 * known names.
 */
public final class PluginRegistry {
    private final Map<ComponentKind, Map<String, PluginComponent>> components;

    /**
     * Collects the components of the plugins; a name used twice within a kind is a user error naming both jars.
     *
     * @param plugins the discovered plugins
     */
    public PluginRegistry(List<LoadedPlugin> plugins) {
        this.components = collect(plugins);
    }

    /**
     * Collects the components of the given plugins, refusing duplicate names with a message that names both
     * sources.
     *
     * @param plugins the plugins
     * @return the components by kind, then name
     */
    private static Map<ComponentKind, Map<String, PluginComponent>> collect(List<LoadedPlugin> plugins) {
        Map<ComponentKind, Map<String, PluginComponent>> all = new TreeMap<>();
        for (ComponentKind kind : ComponentKind.values()) {
            all.put(kind, new TreeMap<>());
        }
        for (LoadedPlugin plugin : plugins) {
            List<PluginComponent> components = new ArrayList<>();
            try {
                plugin.plugin().simulatorFactories()
                        .forEach(f -> components.add(new PluginComponent(ComponentKind.SIMULATOR, f, plugin)));
                plugin.plugin().priorFactories()
                        .forEach(f -> components.add(new PluginComponent(ComponentKind.PRIOR, f, plugin)));
                plugin.plugin().estimatorFactories()
                        .forEach(f -> components.add(new PluginComponent(ComponentKind.ESTIMATOR, f, plugin)));
                plugin.plugin().samplerFactories()
                        .forEach(f -> components.add(new PluginComponent(ComponentKind.SAMPLER, f, plugin)));
            } catch (RuntimeException | LinkageError e) {
                throw SbiException.userError("plugin " + plugin.name() + " from " + plugin.source()
                        + " failed to list its factories: " + e);
            }
            for (PluginComponent c : components) {
                String name = c.name();
                if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    throw SbiException.userError("plugin " + plugin.name() + " from " + plugin.source() + " has a "
                            + c.kind().label() + " named '" + name + "'; names must be lowercase words joined by '-'");
                }
                PluginComponent previous = all.get(c.kind()).putIfAbsent(name, c);
                if (previous != null) {
                    throw SbiException.userError(c.kind().label() + " '" + name + "' is provided twice: by "
                            + previous.plugin().name() + " (" + previous.plugin().source() + ") and by "
                            + plugin.name() + " (" + plugin.source() + "); remove one of the jars");
                }
            }
        }
        return all;
    }

    /** All components of all kinds, by kind then name. */
    public List<PluginComponent> all() {
        List<PluginComponent> out = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            out.addAll(components.get(kind).values());
        }
        return out;
    }

    /** The simulator factory of that name, or a user error listing the known ones. */
    public Found<SimulatorFactory<?>> simulator(String name) {
        return find(ComponentKind.SIMULATOR, name);
    }

    /** The prior factory of that name, or a user error listing the known ones. */
    public Found<PriorFactory<?>> prior(String name) {
        return find(ComponentKind.PRIOR, name);
    }

    /** The estimator factory of that name, or a user error listing the known ones. */
    public Found<EstimatorFactory<?>> estimator(String name) {
        return find(ComponentKind.ESTIMATOR, name);
    }

    /** The sampler factory of that name, or a user error listing the known ones. */
    public Found<SamplerFactory<?>> sampler(String name) {
        return find(ComponentKind.SAMPLER, name);
    }

    /**
     * The names of every component of a kind.
     *
     * @param kind the kind
     * @return the names, sorted
     */
    public List<String> names(ComponentKind kind) {
        return List.copyOf(components.get(kind).keySet());
    }

    /**
     * A factory found by name, with its plugin.
     *
     * @param factory the factory
     * @param component the registration
     * @param <F> the factory type
     */
    public record Found<F>(F factory, PluginComponent component) {
    }

    @SuppressWarnings("unchecked")
    private <F> Found<F> find(ComponentKind kind, String name) {
        Map<String, PluginComponent> map = components.get(kind);
        PluginComponent c = map.get(name);
        if (c == null) {
            String hint = Suggestions.closest(name, map.keySet()).map(s -> " Did you mean '" + s + "'?").orElse("");
            throw SbiException.userError("unknown " + kind.label() + " '" + name + "'." + hint + " Known "
                    + kind.label() + "s: " + (map.isEmpty() ? "none (no plugin provides one)" : String.join(", ", map.keySet()))
                    + ". Run 'sbi4j plugins' to see them with the jars they come from.");
        }
        return new Found<>((F) c.factory(), c);
    }
}
