package org.sbi4j.runtime.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import java.util.List;
import java.util.Map;

/**
 * Binds every discovered factory into one {@link MapBinder} per kind, keyed by name ({@code @Named("simulator")},
 * {@code @Named("prior")}, {@code @Named("estimator")}); the config's {@code type:} picks one.
 */
public final class PluginsModule extends AbstractModule {
    private final List<LoadedPlugin> plugins;

    /**
     * @param plugins the discovered plugins
     */
    public PluginsModule(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    @Override
    protected void configure() {
        Map<ComponentKind, Map<String, PluginComponent>> all = PluginRegistry.collect(plugins);
        for (ComponentKind kind : ComponentKind.values()) {
            MapBinder<String, PluginComponent> binder = MapBinder.newMapBinder(binder(), String.class,
                    PluginComponent.class, Names.named(kind.label()));
            all.get(kind).forEach((name, component) -> binder.addBinding(name).toInstance(component));
        }
        bind(PluginRegistry.class).asEagerSingleton();
    }
}
