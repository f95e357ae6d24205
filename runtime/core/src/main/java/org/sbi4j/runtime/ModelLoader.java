package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.plugin.ComponentKind;
import org.sbi4j.runtime.plugin.PluginComponent;
import org.sbi4j.runtime.plugin.PluginRegistry;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a saved model: rebuilds its simulator, prior and estimator from the stored config with the installed
 * plugins, refuses missing or incompatible plugins with a message naming them, and restores the posterior.
 */
public final class ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private final PluginRegistry registry;
    private final ComponentResolver resolver;
    private final Refinement refinement;
    private final ModelStore store;

    /**
     * @param registry the installed plugins
     * @param resolver rebuilds the components
     * @param refinement applies the stored sampler
     * @param store where models are read
     */
    @Inject
    public ModelLoader(PluginRegistry registry, ComponentResolver resolver, Refinement refinement, ModelStore store) {
        this.registry = requireNonNull(registry, "registry is null");
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.refinement = requireNonNull(refinement, "refinement is null");
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Loads a model.
     *
     * @param file the model file
     * @return the model
     */
    public TrainedModel load(Path file) {
        ModelStore.Stored stored = store.open(file);
        Manifest manifest = stored.manifest();
        RunConfig config;
        try {
            config = SettingsBinder.bind(manifest.config(), RunConfig.class, "stored config of model " + file);
            config.observations = new ArrayList<>();
        } catch (SbiException e) {
            throw SbiException.userError("model " + file + " stores a config this sbi4j cannot read: " + e.getMessage());
        }
        checkInstalled(file, manifest.estimator(), ComponentKind.ESTIMATOR, config.estimator.type());
        checkInstalled(file, manifest.simulator(), ComponentKind.SIMULATOR, config.simulator.type());
        ResolvedRun run = resolver.resolve(config);
        EstimatorFactory<?> factory = registry.estimator(config.estimator.type()).factory();
        InferenceProblem problem = new InferenceProblem(run.prior(), run.simulator(), null);
        Posterior posterior;
        try {
            posterior = restore(factory, run.estimatorSettings(), stored.reader(), problem);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SbiException s) {
                throw s;
            }
            throw SbiException.userError("model " + file + " is corrupt or incomplete: " + e.getMessage()
                    + ". Re-create it with 'sbi4j train'.");
        }
        posterior = refinement.apply(posterior, run.prior(), run.simulator(), config.effectiveSampler(),
                config.simulator.type(), config.simulation.threads);
        return new TrainedModel(posterior, run.prior(), run.simulator(), manifest);
    }

    private void checkInstalled(Path file, Manifest.Component saved, ComponentKind kind, String name) {
        PluginComponent installed;
        try {
            installed = kind == ComponentKind.ESTIMATOR ? registry.estimator(name).component()
                    : registry.simulator(name).component();
        } catch (SbiException e) {
            throw SbiException.userError("model " + file + " needs " + kind.label() + " '" + name + "' from plugin "
                    + saved.plugin() + " " + saved.pluginVersion() + ", which is not installed. Add that plugin "
                    + "to the class path or the plugin directory. (" + e.getMessage() + ")");
        }
        if (!Versions.compatible(saved.pluginVersion(), installed.plugin().version())) {
            throw SbiException.userError("model " + file + " was saved by " + kind.label() + " '" + name + "' version "
                    + saved.pluginVersion() + " but version " + installed.plugin().version() + " is installed ("
                    + installed.plugin().source() + "); the versions are incompatible. Load it with plugin version "
                    + saved.pluginVersion() + " or re-train the model.");
        }
        if (!Versions.sameOrUnversioned(saved.pluginVersion(), installed.plugin().version())) {
            LOG.warn("model {} was saved by {} '{}' version {}; loading with version {}", file, kind.label(), name,
                    saved.pluginVersion(), installed.plugin().version());
        }
    }

    private static <S extends Settings> Posterior restore(EstimatorFactory<S> factory, Settings settings,
                                                          ModelReader reader, InferenceProblem problem)
            throws IOException {
        return factory.load(factory.settingsType().cast(settings), reader, problem);
    }
}
