package org.sbi4j.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.Capability;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.config.ObservationSpec;
import org.sbi4j.runtime.config.RefineSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.plugin.LoadedPlugin;
import org.sbi4j.runtime.plugin.PluginComponent;
import org.sbi4j.runtime.plugin.PluginDiscovery;
import org.sbi4j.runtime.plugin.PluginRegistry;
import org.sbi4j.runtime.plugin.PluginsModule;
import org.sbi4j.runtime.prior.RenamedPrior;
import org.sbi4j.runtime.refine.ImportanceSampledPosterior;
import org.sbi4j.runtime.refine.ImportanceWeights;
import org.sbi4j.runtime.report.DiagnosticsReport;
import org.sbi4j.runtime.report.Diagnostician;
import org.sbi4j.runtime.report.ObservationInput;
import org.sbi4j.runtime.report.ReportWriter;
import org.sbi4j.runtime.simulate.ConsoleProgressReporter;
import org.sbi4j.runtime.simulate.ProgressReporter;
import org.sbi4j.runtime.simulate.Seeds;
import org.sbi4j.runtime.simulate.SimulationEngine;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.runtime.store.ModelArchive;
import org.sbi4j.spi.ComponentFactory;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Swapping estimators is a config change: {@code estimator: {type: rejection-abc}} → {@code {type: npe}}.
 */
public final class Sbi4j {
    private static final Logger LOG = LoggerFactory.getLogger(Sbi4j.class);

    private final PluginRegistry registry;
    private final PluginContext pluginContext;
    private final SimulationEngine engine;
    private final int threadsOverride;

    @Inject
    Sbi4j(PluginRegistry registry, PluginContext pluginContext, SimulationEngine engine,
          @Named("threads") Integer threadsOverride) {
        this.registry = registry;
        this.pluginContext = pluginContext;
        this.engine = engine;
        this.threadsOverride = threadsOverride;
    }

    /** A builder with defaults: home from {@code -Dsbi4j.home} or the working directory, no plugin directory. */
    public static Builder builder() {
        return new Builder();
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
     * Builds and checks every component of a config, before any simulation runs: unknown names, bad
     * settings, missing capabilities and malformed observations fail here.
     *
     * @param config the config
     * @return the resolved run
     */
    public ResolvedRun resolve(RunConfig config) {
        PluginRegistry.Found<org.sbi4j.spi.SimulatorFactory<?>> simFound = registry.simulator(config.simulator.type());
        Built<Simulator> simulator = build(simFound.factory(), config.simulator.settings(),
                "simulator '" + config.simulator.type() + "'");
        Prior prior;
        PluginComponent priorComponent = null;
        ObjectNode priorNode;
        if ("default".equals(config.prior.type())) {
            if (!config.prior.settings().isEmpty()) {
                throw SbiException.userError("prior {type: default} takes no settings, but the config gives "
                        + config.prior.settings().keySet());
            }
            prior = simulator.product().defaultPrior().orElseThrow(() -> SbiException.userError("simulator '"
                    + config.simulator.type() + "' defines no prior of its own; configure one, e.g. "
                    + "prior: {type: box-uniform, low: [...], high: [...]} (priors: "
                    + String.join(", ", registry.all().stream().filter(c -> c.kind().label().equals("prior"))
                            .map(PluginComponent::name).toList()) + ")"));
            priorNode = Json.mapper().createObjectNode().put("type", "default");
        } else {
            PluginRegistry.Found<org.sbi4j.spi.PriorFactory<?>> priorFound = registry.prior(config.prior.type());
            Built<Prior> built = build(priorFound.factory(), config.prior.settings(), "prior '" + config.prior.type() + "'");
            prior = built.product();
            priorComponent = priorFound.component();
            priorNode = typed(config.prior.type(), built.settings());
        }
        List<String> names = simulator.product().parameterNames();
        if (prior.dimension() != names.size()) {
            throw SbiException.userError("the prior has " + prior.dimension() + " parameters but simulator '"
                    + config.simulator.type() + "' takes " + names.size() + " (" + String.join(", ", names)
                    + "); give the prior one entry per parameter");
        }
        if (!prior.parameterNames().equals(names)) {
            prior = new RenamedPrior(prior, names);
        }
        PluginRegistry.Found<EstimatorFactory<?>> estFound = registry.estimator(config.estimator.type());
        Built<Estimator> estimator = build(estFound.factory(), config.estimator.settings(),
                "estimator '" + config.estimator.type() + "'");
        checkCapabilities(estimator.product(), config, simulator.product());
        if (config.refine.enabled() && !(simulator.product() instanceof Likelihood)) {
            throw SbiException.userError("refine: " + config.refine.method + " needs a simulator with a tractable "
                    + "likelihood, but simulator '" + config.simulator.type() + "' has none; remove 'refine' or "
                    + "choose a simulator with a likelihood (see 'sbi4j plugins')");
        }
        List<ResolvedRun.NamedObservation> observations = observations(config, simulator.product());

        ObjectNode resolved = SettingsBinder.toNode(config);
        resolved.set("simulator", typed(config.simulator.type(), simulator.settings()));
        resolved.set("prior", priorNode);
        resolved.set("estimator", typed(config.estimator.type(), estimator.settings()));
        return new ResolvedRun(config, resolved, simulator.product(), simFound.component(), prior, priorComponent,
                estimator.product(), estFound.component(), estimator.settings(), observations);
    }

    /**
     * Simulates and fits.
     *
     * @param config the config
     * @return the trained model
     */
    public TrainedModel train(RunConfig config) {
        return train(resolve(config));
    }

    /**
     * Simulates (when the estimator asks for simulations) and fits.
     *
     * @param run a resolved run
     * @return the trained model
     */
    public TrainedModel train(ResolvedRun run) {
        RunConfig config = run.config();
        int threads = threads(config);
        Simulations simulations = null;
        Manifest.SimulationStatistics simStats = new Manifest.SimulationStatistics(0, 0, 0, 0);
        if (run.estimator().requirements().contains(Capability.SIMULATIONS)) {
            long start = System.nanoTime();
            simulations = engine.run(new SimulationEngine.Request(run.prior(), run.simulator(),
                    config.simulation.budget, config.simulation.batchSize, threads, config.seed,
                    config.simulation.invalid));
            double seconds = (System.nanoTime() - start) / 1e9;
            simStats = new Manifest.SimulationStatistics(config.simulation.budget, simulations.size(),
                    simulations.invalidCount(), seconds);
            if (simulations.invalidCount() > 0) {
                LOG.warn("{} of {} simulations failed or returned NaN/∞ and were dropped ({} kept)",
                        simulations.invalidCount(), config.simulation.budget, simulations.size());
            }
        }
        InferenceProblem problem = new InferenceProblem(run.prior(), run.simulator(), simulations);
        long start = System.nanoTime();
        Posterior posterior;
        try {
            posterior = run.estimator().fit(problem, new RunContext(config.seed, threads, new LoggingListener()));
        } catch (IllegalArgumentException e) {
            throw SbiException.userError("estimator '" + config.estimator.type() + "' rejected the problem: "
                    + e.getMessage());
        }
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        posterior = refined(posterior, run);
        TrainingSummary reported = posterior.trainingSummary();
        Map<String, Double> stats = new LinkedHashMap<>(reported.statistics());
        stats.put("fit-seconds", fitSeconds);
        TrainingSummary summary = new TrainingSummary(reported.epochs(), reported.trainingLoss(),
                reported.validationLoss(), stats);
        Manifest manifest = new Manifest(ModelArchive.FORMAT_VERSION, version(), run.estimatorEntry(),
                run.simulatorEntry(), run.priorEntry(), run.resolvedConfig(), config.seed, simStats, summary, Map.of());
        return new TrainedModel(posterior, run.prior(), run.simulator(), manifest);
    }

    /**
     * Runs a whole job: simulate, train, save the model, sample every observation, write the summary.
     *
     * @param config the config
     * @param outputOverride an output folder replacing the config's, or {@code null}
     * @return what was written
     */
    public RunReport run(RunConfig config, Path outputOverride) {
        ResolvedRun run = resolve(config);
        Path out = outputOverride != null ? outputOverride : Path.of(config.output);
        TrainedModel model = train(run);
        Path modelFile = out.resolve("model.zip");
        model.save(modelFile);
        List<RunReport.SampleFile> files = new ArrayList<>();
        List<ObservationInput> inputs = new ArrayList<>();
        for (ResolvedRun.NamedObservation obs : run.observations()) {
            long start = System.nanoTime();
            TrainedModel.Draws draws = model.draw(obs.values(), config.samples, config.seed);
            double[][] samples = draws.samples();
            double seconds = (System.nanoTime() - start) / 1e9;
            Path file = out.resolve(obs.name()).resolve("samples.csv");
            try {
                Csv.write(file, model.parameterNames(), samples);
                Csv.write(out.resolve(obs.name()).resolve("observation.csv"), run.simulator().dataNames(),
                        new double[][] {obs.values()});
                if (draws.weights() != null) {
                    writeWeights(out.resolve(obs.name()).resolve("importance-weights.csv"), model, draws.weights());
                }
            } catch (IOException e) {
                throw new SbiException(ErrorType.EXTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
            }
            files.add(new RunReport.SampleFile(obs.name(), file, samples.length, seconds));
            inputs.add(withReference(model, ObservationInput.of(obs.name(), obs.values()), obs.referenceNumber(),
                    config.diagnostics.referencePoints, config.seed).withSamples(samples, draws.weights()));
        }
        DiagnosticsReport diagnostics = null;
        if (config.diagnostics.enabled) {
            diagnostics = diagnose(model, inputs, config.diagnostics, config.seed, out);
        }
        Manifest m = model.manifest();
        RunReport report = new RunReport(out, modelFile, m.simulations(),
                m.training().statistics().getOrDefault("fit-seconds", Double.NaN), files, diagnostics);
        try {
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("summary.json").toFile(),
                    Map.of("config", run.resolvedConfig(), "simulations", m.simulations(), "training", m.training(),
                            "samples", files.stream().map(f -> Map.of("observation", f.observation(),
                                    "file", f.file().toString(), "count", f.count(), "seconds", f.seconds())).toList()));
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot write " + out.resolve("summary.json") + ": " + e.getMessage(), e);
        }
        return report;
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
        Posterior base = model.posterior() instanceof ImportanceSampledPosterior r ? r.proposal() : model.posterior();
        Posterior posterior = refined(base, model.prior(), model.simulator(), refine,
                model.manifest().simulator().name());
        return new TrainedModel(posterior, model.prior(), model.simulator(), model.manifest());
    }

    /**
     * Runs every diagnostic that applies and writes {@code diagnostics.json}, {@code report.html} and the plots
     * to a folder.
     *
     * @param model the trained model
     * @param observations the observations to check (with their samples, reference and truth when known)
     * @param spec which checks run and how large they are
     * @param seed the seed of every check
     * @param out the output folder
     * @return what was found
     */
    public DiagnosticsReport diagnose(TrainedModel model, List<ObservationInput> observations, DiagnosticsSpec spec,
                                      long seed, Path out) {
        try {
            spec.validate();
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(e.getMessage());
        }
        for (ObservationInput o : observations) {
            Csv.checkWidth(o.values(), model.simulator().dataNames(), "observation '" + o.name() + "'");
        }
        int threads = threadsOverride > 0 ? threadsOverride : Runtime.getRuntime().availableProcessors();
        Diagnostician.Outcome outcome = new Diagnostician(spec, seed, threads).diagnose(model, observations);
        ReportWriter.write(out, outcome, model.manifest().config());
        return outcome.report();
    }

    /**
     * The simulator's reference observation {@code number} (a benchmark task's stored observation), with its
     * reference posterior samples and true parameters.
     *
     * @param model the trained model
     * @param number the observation's number, from 1
     * @return the observation, named {@code refNN}
     */
    public ObservationInput referenceObservation(TrainedModel model, int number) {
        ReferenceData ref = model.simulator().referenceData().orElseThrow(() -> SbiException.userError("simulator '"
                + model.manifest().simulator().name() + "' has no reference observations (only benchmark tasks "
                + "whose data folder is present have them); give an observation file instead"));
        if (number < 1 || number > ref.observationCount()) {
            throw SbiException.userError("reference observation " + number + " does not exist; simulator '"
                    + model.manifest().simulator().name() + "' has reference observations 1 to " + ref.observationCount());
        }
        return withReference(model, ObservationInput.of(String.format("ref%02d", number), ref.observation(number)),
                number, Integer.MAX_VALUE, 0);
    }

    /**
     * Attaches what is known about the true posterior of an observation: the stored reference samples and true
     * parameters of a reference observation, or else exact draws when the simulator has a closed-form posterior
     * under its own prior.
     */
    private static ObservationInput withReference(TrainedModel model, ObservationInput input, int referenceNumber,
                                                  int points, long seed) {
        Simulator simulator = model.simulator();
        if (referenceNumber > 0 && simulator.referenceData().isPresent()) {
            ReferenceData ref = simulator.referenceData().get();
            return input.withReference(ref.referenceSamples(referenceNumber), "reference posterior samples",
                    ref.trueParameters(referenceNumber));
        }
        boolean ownPrior = "default".equals(model.manifest().prior().name());
        if (simulator instanceof AnalyticPosterior exact && ownPrior) {
            int n = Math.min(points, 10_000);
            return input.withReference(exact.samplePosterior(input.values(), n,
                    Seeds.random(seed, "exact-posterior", 0)), "exact posterior", null);
        }
        return input;
    }

    private static void writeWeights(Path file, TrainedModel model, ImportanceWeights weights) throws IOException {
        List<String> header = new ArrayList<>(model.parameterNames());
        header.add("log_weight");
        double[][] rows = new double[weights.size()][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = java.util.Arrays.copyOf(weights.theta()[i], header.size());
            row[header.size() - 1] = weights.logWeights()[i];
            rows[i] = row;
        }
        Csv.write(file, header, rows);
    }

    /**
     * Loads a saved model, rebuilding its simulator and prior from the stored config with the installed
     * plugins. Refuses a model whose plugins are missing or of an incompatible version.
     *
     * @param file the model zip
     * @return the model
     */
    public TrainedModel load(Path file) {
        ModelArchive.Reader reader = ModelArchive.Reader.open(file);
        Manifest manifest = reader.manifest();
        RunConfig config;
        try {
            config = SettingsBinder.bind(manifest.config(), RunConfig.class, "stored config of model " + file);
            config.observations = new ArrayList<>();
        } catch (SbiException e) {
            throw SbiException.userError("model " + file + " stores a config this sbi4j cannot read: " + e.getMessage());
        }
        checkInstalled(file, manifest.estimator(), "estimator", config.estimator.type());
        checkInstalled(file, manifest.simulator(), "simulator", config.simulator.type());
        ResolvedRun run = resolve(config);
        PluginRegistry.Found<EstimatorFactory<?>> found = registry.estimator(config.estimator.type());
        InferenceProblem problem = new InferenceProblem(run.prior(), run.simulator(), null);
        Posterior posterior;
        try {
            posterior = loadPosterior(found.factory(), run.estimatorSettings(), reader, problem);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SbiException s) {
                throw s;
            }
            throw SbiException.userError("model " + file + " is corrupt or incomplete: " + e.getMessage()
                    + ". Re-create it with 'sbi4j train'.");
        }
        return new TrainedModel(refined(posterior, run), run.prior(), run.simulator(), manifest);
    }

    /** Wraps a fitted posterior in the refinement the config asks for. */
    private static Posterior refined(Posterior posterior, ResolvedRun run) {
        RunConfig config = run.config();
        return refined(posterior, run.prior(), run.simulator(), config.refine, config.simulator.type());
    }

    /**
     * Wraps a posterior in a refinement, or returns it as it is for {@code none}. A posterior without a density
     * is refused by {@link ImportanceSampledPosterior} itself.
     *
     * @param simulatorName the simulator's name, for messages
     */
    private static Posterior refined(Posterior posterior, Prior prior, Simulator simulator, RefineSpec refine,
                                     String simulatorName) {
        if (refine.method == RefineSpec.Method.NONE) {
            return posterior;
        }
        if (!(simulator instanceof Likelihood likelihood)) {
            throw SbiException.userError("refine: " + refine.method + " needs a simulator with a tractable likelihood, "
                    + "but simulator '" + simulatorName + "' has none");
        }
        return new ImportanceSampledPosterior(posterior, prior, likelihood, refine.minProposals, refine.maxProposals);
    }

    private void checkInstalled(Path file, Manifest.Component saved, String kind, String name) {
        PluginComponent installed;
        try {
            installed = "estimator".equals(kind) ? registry.estimator(name).component() : registry.simulator(name).component();
        } catch (SbiException e) {
            throw SbiException.userError("model " + file + " needs " + kind + " '" + name + "' from plugin "
                    + saved.plugin() + " " + saved.pluginVersion() + ", which is not installed. Add that plugin "
                    + "to the class path or the plugin directory. (" + e.getMessage() + ")");
        }
        if (!Versions.compatible(saved.pluginVersion(), installed.plugin().version())) {
            throw SbiException.userError("model " + file + " was saved by " + kind + " '" + name + "' version "
                    + saved.pluginVersion() + " but version " + installed.plugin().version() + " is installed ("
                    + installed.plugin().source() + "); the versions are incompatible. Load it with plugin version "
                    + saved.pluginVersion() + " or re-train the model.");
        }
        if (!Versions.sameOrUnversioned(saved.pluginVersion(), installed.plugin().version())) {
            LOG.warn("model {} was saved by {} '{}' version {}; loading with version {}", file, kind, name,
                    saved.pluginVersion(), installed.plugin().version());
        }
    }

    private static <S extends Settings> Posterior loadPosterior(EstimatorFactory<S> factory, Settings settings,
                                                                ModelArchive.Reader reader, InferenceProblem problem)
            throws IOException {
        return factory.load(factory.settingsType().cast(settings), reader, problem);
    }

    private int threads(RunConfig config) {
        int t = threadsOverride > 0 ? threadsOverride : config.simulation.threads;
        return t > 0 ? t : Runtime.getRuntime().availableProcessors();
    }

    private void checkCapabilities(Estimator estimator, RunConfig config, Simulator simulator) {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        for (Capability c : estimator.requirements()) {
            if (!c.isProvidedBy(simulator)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw SbiException.userError("estimator '" + config.estimator.type() + "' needs " + missing
                    + " but simulator '" + config.simulator.type() + "' does not provide "
                    + (missing.size() == 1 ? "it" : "them") + "; choose an estimator that needs only simulations "
                    + "or a simulator with " + (missing.contains(Capability.LIKELIHOOD) ? "a tractable likelihood"
                    : "gradients"));
        }
    }

    private List<ResolvedRun.NamedObservation> observations(RunConfig config, Simulator simulator) {
        List<ResolvedRun.NamedObservation> out = new ArrayList<>();
        for (int i = 0; i < config.observations.size(); i++) {
            ObservationSpec spec = config.observations.get(i);
            int index = i;
            String name = spec.name != null ? spec.name : String.format("obs%02d", i + 1);
            double[] values;
            if (spec.file != null) {
                values = Csv.readObservation(Path.of(spec.file), simulator.dataNames());
            } else if (spec.values != null) {
                values = Csv.checkWidth(spec.values.stream().mapToDouble(Double::doubleValue).toArray(),
                        simulator.dataNames(), "observations[" + i + "].values");
            } else {
                ReferenceData ref = simulator.referenceData().orElseThrow(() -> SbiException.userError(
                        "observations[" + index + "] asks for reference observation " + spec.reference + " but simulator '"
                                + config.simulator.type() + "' has no reference data (only benchmark tasks whose data "
                                + "folder is present have them); give a file or values instead"));
                if (spec.reference < 1 || spec.reference > ref.observationCount()) {
                    throw SbiException.userError("observations[" + i + "]: reference " + spec.reference
                            + " does not exist; simulator '" + config.simulator.type() + "' has reference observations 1 to "
                            + ref.observationCount());
                }
                values = ref.observation(spec.reference);
                if (spec.name == null) {
                    name = String.format("ref%02d", spec.reference);
                }
            }
            out.add(new ResolvedRun.NamedObservation(name, values, spec.reference == null ? 0 : spec.reference));
        }
        return out;
    }

    private <S extends Settings, T> Built<T> build(ComponentFactory<S, T> factory, Map<String, Object> settings,
                                                  String context) {
        S bound = SettingsBinder.bind(Json.mapper().valueToTree(settings), factory.settingsType(), context);
        try {
            return new Built<>(factory.create(bound, pluginContext), bound);
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(context + ": " + e.getMessage());
        }
    }

    private static ObjectNode typed(String type, Settings settings) {
        ObjectNode node = Json.mapper().createObjectNode().put("type", type);
        node.setAll(SettingsBinder.toNode(settings));
        return node;
    }

    private record Built<T>(T product, Settings settings) {
    }

    /** Logs training progress. */
    private static final class LoggingListener implements TrainingListener {
        @Override
        public void onEpoch(int epoch, double trainingLoss, double validationLoss) {
            LOG.debug("epoch {}: training loss {}, validation loss {}", epoch,
                    String.format("%.4f", trainingLoss), String.format("%.4f", validationLoss));
        }

        @Override
        public void onMessage(String message) {
            LOG.info(message);
        }
    }

    /** Builds an {@link Sbi4j}. */
    public static final class Builder {
        private Path home;
        private Path pluginDirectory;
        private ProgressReporter progress = ProgressReporter.SILENT;
        private int threads;
        private ClassLoader classLoader = Sbi4j.class.getClassLoader();

        private Builder() {
        }

        /**
         * @param home the sbi4j home (plugins resolve data paths against it)
         * @return this
         */
        public Builder homeDirectory(Path home) {
            this.home = home;
            return this;
        }

        /**
         * @param directory a folder of plugin jars / plugin folders, each loaded in isolation
         * @return this
         */
        public Builder pluginDirectory(Path directory) {
            this.pluginDirectory = directory;
            return this;
        }

        /**
         * @param reporter where progress goes (default: nowhere)
         * @return this
         */
        public Builder progress(ProgressReporter reporter) {
            this.progress = reporter;
            return this;
        }

        /** Shows progress bars on standard error. */
        public Builder consoleProgress() {
            return progress(new ConsoleProgressReporter());
        }

        /**
         * @param threads threads for simulation and fitting, overriding the config; 0 keeps the config's
         * @return this
         */
        public Builder threads(int threads) {
            if (threads < 0) {
                throw SbiException.userError("threads must be 0 (use the config's) or positive, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * @param loader where class-path plugins are looked for (default: sbi4j's own class loader)
         * @return this
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** Discovers plugins and wires the runtime. */
        public Sbi4j build() {
            Path resolvedHome = (home != null ? home
                    : Path.of(System.getProperty("sbi4j.home", System.getProperty("user.dir")))).toAbsolutePath();
            ProgressReporter reporter = progress;
            int threadCount = threads;
            List<LoadedPlugin> plugins = PluginDiscovery.discover(classLoader, pluginDirectory);
            try {
                Injector injector = Guice.createInjector(Stage.PRODUCTION, new PluginsModule(plugins), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(PluginContext.class).toInstance(() -> resolvedHome);
                        bind(ProgressReporter.class).toInstance(reporter);
                        bind(SimulationEngine.class).toInstance(new SimulationEngine(reporter));
                        bind(Integer.class).annotatedWith(Names.named("threads")).toInstance(threadCount);
                    }
                });
                return injector.getInstance(Sbi4j.class);
            } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof SbiException s) {
                        throw s;
                    }
                }
                for (var message : e instanceof com.google.inject.CreationException c ? c.getErrorMessages()
                        : ((com.google.inject.ProvisionException) e).getErrorMessages()) {
                    if (message.getCause() instanceof SbiException s) {
                        throw s;
                    }
                }
                throw e;
            }
        }
    }
}
