package org.sbi4j.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.ObservationSpec;
import org.sbi4j.runtime.config.RefineSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.plugin.PluginRegistry;
import org.sbi4j.runtime.simulate.SimulationEngine;

/**
 * The embedding facade: discovers plugins, reads configs, simulates, trains, samples, saves and loads.
 *
 * <pre>{@code
 * Sbi4j sbi = Sbi4j.builder().build();
 * RunConfig config = sbi.config(Path.of("examples/two-moons.yaml"), List.of("simulation.budget=2000"));
 * TrainedModel model = sbi.train(config);
 * double[][] samples = model.sample(new double[] {0.1, -0.2}, 1000, 7);
 * }</pre>
 *
 * <p>Swapping estimators is a config change: {@code estimator: {type: rejection-abc}} → {@code {type: npe}}. The
 * work is done by named collaborators ({@link ComponentResolver}, {@link ModelTrainer}, {@link RunJob},
 * {@link ModelLoader}, {@link Refinement}), wired by {@link RuntimeModule}, whose services a host may override.
 */
public final class Sbi4j {
    private final PluginRegistry registry;
    private final RuntimeOptions options;
    private final ComponentResolver resolver;
    private final ModelTrainer trainer;
    private final RunJob runJob;
    private final ModelLoader loader;
    private final Refinement refinement;
    private final ModelStore store;
    private final SimulationJob simulationJob;

    @Inject
    Sbi4j(PluginRegistry registry, RuntimeOptions options, ComponentResolver resolver, ModelTrainer trainer,
          RunJob runJob, ModelLoader loader, Refinement refinement, ModelStore store, SimulationJob simulationJob) {
        this.registry = registry;
        this.options = options;
        this.resolver = resolver;
        this.trainer = trainer;
        this.runJob = runJob;
        this.loader = loader;
        this.refinement = refinement;
        this.store = store;
        this.simulationJob = simulationJob;
    }

    /** A builder with defaults: home from {@code -Dsbi4j.home} or the working directory, no plugin directory. */
    public static Sbi4jBuilder builder() {
        return new Sbi4jBuilder();
    }

    /** The version of this runtime. */
    public static String version() {
        String v = Sbi4j.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Every factory found, by kind and name. */
    public PluginRegistry plugins() {
        return registry;
    }

    /** How this runtime was built: home, plugin folder, thread override. */
    public RuntimeOptions options() {
        return options;
    }

    /**
     * Reads and binds a config file with overrides. Relative observation files are taken from the config
     * file's folder.
     *
     * @param file the YAML file
     * @param overrides {@code key=value} overrides
     * @return the bound, validated config
     */
    public RunConfig config(Path file, List<String> overrides) {
        ObjectNode tree = ConfigFiles.read(file);
        ConfigFiles.applyOverrides(tree, overrides);
        RunConfig config = config(tree);
        Path base = file.toAbsolutePath().getParent();
        for (ObservationSpec spec : config.observations) {
            if (spec.file != null && !Path.of(spec.file).isAbsolute()) {
                spec.file = base.resolve(spec.file).normalize().toString();
            }
        }
        return config;
    }

    /**
     * Binds a config tree.
     *
     * @param tree the config as a JSON/YAML tree
     * @return the bound, validated config
     */
    public RunConfig config(ObjectNode tree) {
        return SettingsBinder.bind(tree, RunConfig.class, "config");
    }

    /**
     * Builds and checks every component of a config, before any simulation runs.
     *
     * @param config the config
     * @return the resolved run
     */
    public ResolvedRun resolve(RunConfig config) {
        return resolver.resolve(config);
    }

    /**
     * Simulates and fits.
     *
     * @param config the config
     * @return the trained model
     */
    public TrainedModel train(RunConfig config) {
        return trainer.train(resolve(config));
    }

    /**
     * Only simulates: fills the config's simulation store ({@code simulation.store}) with the batches it lacks, on
     * the configured backend, so that training can read them later, here or elsewhere.
     *
     * @param config the config
     * @return what the store held and what was simulated
     */
    public SimulationEngine.StoreReport simulate(RunConfig config) {
        return simulationJob.fill(config);
    }

    /**
     * Simulates (when the estimator asks for simulations) and fits.
     *
     * @param run a resolved run
     * @return the trained model
     */
    public TrainedModel train(ResolvedRun run) {
        return trainer.train(run);
    }

    /**
     * Runs a whole job: simulate, train, save the model, sample every observation, write the summary, run the checks.
     *
     * @param config the config
     * @param outputOverride an output folder replacing the config's, or {@code null}
     * @return what was written
     */
    public RunReport run(RunConfig config, Path outputOverride) {
        return runJob.run(config, outputOverride);
    }

    /**
     * The same model sampled through another sampler ({@code {type: direct}} for none).
     *
     * @param model a trained or loaded model
     * @param sampler the sampler's spec
     * @return the model; its saved form is unchanged
     */
    public TrainedModel withSampler(TrainedModel model, ComponentSpec sampler) {
        return refinement.apply(model, sampler);
    }

    /**
     * The same model with its posterior refined before sampling (or unrefined with method {@code none}).
     *
     * @param model a trained or loaded model
     * @param refine the refinement
     * @return the refined model; the saved form is unchanged
     */
    public TrainedModel refine(TrainedModel model, RefineSpec refine) {
        try {
            refine.validate();
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(e.getMessage());
        }
        return withSampler(model, refine.asSampler());
    }

    /**
     * Saves a model into the model store.
     *
     * @param model the model
     * @param file where
     */
    public void save(TrainedModel model, Path file) {
        store.save(model.trainedPosterior(), model.manifest(), file);
    }

    /**
     * Loads a saved model, rebuilding its simulator and prior from the stored config with the installed plugins.
     *
     * @param file the model file
     * @return the model
     */
    public TrainedModel load(Path file) {
        return loader.load(file);
    }

    /**
     * The simulator's reference observation {@code number}, with its reference posterior samples and true parameters.
     *
     * @param model the trained model
     * @param number the observation's number, from 1
     * @return the observation, named {@code refNN}
     */
    public ObservationInput referenceObservation(TrainedModel model, int number) {
        return ReferenceObservations.reference(model, number);
    }
}
