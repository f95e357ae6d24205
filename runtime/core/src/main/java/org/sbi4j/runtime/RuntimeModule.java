package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.plugin.LoadedPlugin;
import org.sbi4j.runtime.plugin.PluginDiscovery;
import org.sbi4j.runtime.plugin.PluginRegistry;
import org.sbi4j.runtime.simulate.LocalSimulationBackend;
import org.sbi4j.runtime.simulate.ProgressReporter;
import org.sbi4j.runtime.simulate.SimulationBackend;
import org.sbi4j.runtime.store.ZipModelStore;
import org.sbi4j.spi.PluginContext;

/**
 * The runtime's services, bound for Guice: the plugin registry (simulators, priors, estimators, samplers), the
 * worker pool, progress reporting, the simulation backend, the model store and the end-of-run checks. A host
 * application installs it into its own injector and replaces any service with {@code Modules.override}:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Modules.override(new RuntimeModule(options, classLoader))
 *         .with(binder -> binder.bind(WorkerPool.class).toInstance(new LocalWorkerPool(hostExecutor))));
 * Sbi4j sbi = injector.getInstance(Sbi4j.class);
 * }</pre>
 */
public final class RuntimeModule extends AbstractModule {
    private final RuntimeOptions options;
    private final ClassLoader classLoader;

    /**
     * @param options home, plugin folder and thread override
     * @param classLoader where class-path plugins are looked for
     */
    public RuntimeModule(RuntimeOptions options, ClassLoader classLoader) {
        this.options = requireNonNull(options, "options is null");
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
    }

    @Override
    protected void configure() {
        bind(RuntimeOptions.class).toInstance(options);
        bind(PluginContext.class).toInstance(options::home);
        bind(ProgressReporter.class).toInstance(ProgressReporter.SILENT);
        bind(WorkerPool.class).toInstance(LocalWorkerPool.shared());
        bind(SimulationBackend.class).to(LocalSimulationBackend.class);
        bind(ModelStore.class).to(ZipModelStore.class);
    }

    @Provides
    @Singleton
    PluginRegistry registry() {
        List<LoadedPlugin> plugins = PluginDiscovery.discover(classLoader, options.pluginDirectory());
        return new PluginRegistry(plugins);
    }

    @Provides
    @Singleton
    RunChecks checks() {
        return RunChecks.installed();
    }
}
