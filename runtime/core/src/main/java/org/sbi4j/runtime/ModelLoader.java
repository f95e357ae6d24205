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
import org.sbi4j.runtime.plugin.PluginRegistry;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Settings;

/**
 * Loads a saved model: checks its manifest against its stored config and the installed plugins (refusing
 * missing, different or incompatible plugins with a message naming them), rebuilds its simulator, prior and
 * estimator from the stored config, and restores the posterior.
 */
public final class ModelLoader {
    private final PluginRegistry registry;
    private final ComponentResolver resolver;
    private final Refinement refinement;
    private final ModelStore store;
    private final RuntimeOptions options;

    /**
     * @param registry the installed plugins
     * @param resolver rebuilds the components
     * @param refinement applies the stored sampler
     * @param store where models are read
     * @param options the job's thread count, handed to the restored posterior
     */
    @Inject
    public ModelLoader(PluginRegistry registry, ComponentResolver resolver, Refinement refinement, ModelStore store,
                       RuntimeOptions options) {
        this.registry = requireNonNull(registry, "registry is null");
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.refinement = requireNonNull(refinement, "refinement is null");
        this.store = requireNonNull(store, "store is null");
        this.options = requireNonNull(options, "options is null");
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
        new ManifestCheck(registry).check(file, manifest, config);
        ResolvedRun run = resolver.resolve(config);
        EstimatorFactory<?> factory = registry.estimator(config.estimator.type()).factory();
        InferenceProblem problem = new InferenceProblem(run.prior(), run.simulator(), null);
        Posterior posterior;
        try {
            posterior = restore(factory, run.estimatorSettings(), stored.reader(), problem,
                    options.threads(config.simulation.threads));
        } catch (IOException | RuntimeException e) {
            if (e instanceof SbiException s) {
                throw s;
            }
            throw SbiException.userError("model " + file + " is corrupt or incomplete: " + e.getMessage()
                    + ". Re-create it with 'sbi4j train'.");
        }
        posterior = refinement.apply(posterior, run);
        return new TrainedModel(posterior, run.prior(), run.simulator(), manifest);
    }

    private static <S extends Settings> Posterior restore(EstimatorFactory<S> factory, Settings settings,
                                                          ModelReader reader, InferenceProblem problem, int threads)
            throws IOException {
        return factory.load(factory.settingsType().cast(settings), reader, problem, threads);
    }
}
