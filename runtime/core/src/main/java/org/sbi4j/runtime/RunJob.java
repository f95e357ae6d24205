package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.io.RunFolder;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.sample.ImportanceWeights;
import org.sbi4j.runtime.store.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run} job: simulate, train, save the model, sample every observation into its folder (samples,
 * the observation, importance weights when the sampler weighs), write {@code summary.json}, then run the
 * {@link RunChecks} that are installed.
 */
public final class RunJob {
    private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);
    private static final String OUTPUT_OPTION = "output folder (--out, or 'output' in the config)";
    private static final String MODEL_FILE = "model.zip";
    private static final String SAMPLES_FILE = "samples.csv";

    private final ComponentResolver resolver;
    private final ModelTrainer trainer;
    private final ModelStore store;
    private final RunChecks checks;
    private final RuntimeOptions options;
    private final WorkerPool pool;

    /**
     * @param resolver builds the components
     * @param trainer simulates and fits
     * @param store where the model goes
     * @param checks the checks at the end
     * @param options the thread count
     * @param pool where the checks run
     */
    @Inject
    public RunJob(ComponentResolver resolver, ModelTrainer trainer, ModelStore store, RunChecks checks,
                  RuntimeOptions options, WorkerPool pool) {
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.trainer = requireNonNull(trainer, "trainer is null");
        this.store = requireNonNull(store, "store is null");
        this.checks = requireNonNull(checks, "checks is null");
        this.options = requireNonNull(options, "options is null");
        this.pool = requireNonNull(pool, "pool is null");
    }

    /**
     * Runs a whole job. The output folder is written as one transaction ({@link RunFolder}): the job holds its
     * lock (a second writer is refused), writes everything into a staging folder beside it, and moves that into
     * place when complete, so the folder holds the previous complete run or the new one, never a mix. A folder
     * that holds files sbi4j did not write is refused before any work, never deleted.
     *
     * @param config the config
     * @param outputOverride an output folder replacing the config's, or {@code null}
     * @return what was written (paths in the run's folder)
     */
    public RunReport run(RunConfig config, Path outputOverride) {
        ResolvedRun run = resolver.resolve(config);
        Path out = config.outputFolder(outputOverride);
        try (RunFolder folder = RunFolder.open(out, OUTPUT_OPTION)) {
            RunReport report = runInto(folder.staging(), out, run, config);
            folder.commit();
            return report;
        }
    }

    /** Writes the whole run into {@code stage}; the paths reported are those in {@code out}, its final place. */
    private RunReport runInto(Path stage, Path out, ResolvedRun run, RunConfig config) {
        TrainedModel model = trainer.train(run);
        Phases.enter("saving");
        store.save(model.trainedPosterior(), model.manifest(), stage.resolve(MODEL_FILE));
        List<RunReport.SampleFile> files = new ArrayList<>();
        List<ObservationInput> inputs = new ArrayList<>();
        Map<String, Map<String, Object>> samplerReports = new java.util.HashMap<>();
        Phases.enter("sampling");
        for (ResolvedRun.NamedObservation obs : run.observations()) {
            Phases.enter("sampling:" + obs.name());
            long start = System.nanoTime();
            TrainedModel.Draws draws = model.draw(obs.set(), config.samples, config.seed);
            double[][] samples = draws.samples();
            double seconds = (System.nanoTime() - start) / 1e9;
            Path folder = stage.resolve(obs.name());
            ImportanceWeights weights = draws.weights();
            try {
                Csv.write(folder.resolve(SAMPLES_FILE), model.parameterNames(), samples);
                Csv.write(folder.resolve("observation.csv"), run.simulator().dataNames(), obs.set());
                if (weights != null) {
                    writeWeights(folder.resolve("importance-weights.csv"), model, weights);
                }
            } catch (IOException e) {
                throw new SbiException(ErrorType.EXTERNAL, "cannot write into " + out.resolve(obs.name()) + ": "
                        + e.getMessage(), e);
            }
            if (draws.sampling() != null) {
                draws.sampling().warnings().forEach(w -> LOG.warn("{}: {}", obs.name(), w));
                samplerReports.put(obs.name(), samplerReport(draws.sampling()));
            }
            files.add(new RunReport.SampleFile(obs.name(), out.resolve(obs.name()).resolve(SAMPLES_FILE),
                    samples.length, seconds));
            inputs.add(ReferenceObservations.attach(model, ObservationInput.of(obs.name(), obs.values()),
                    obs.referenceNumber(), config.diagnostics.referencePoints, config.seed)
                    .withDraws(draws));
        }
        RunChecks.Summary found = null;
        if (config.diagnostics.enabled && !checks.available()) {
            LOG.info("diagnostics skipped: put sbi4j-report on the class path for calibration checks and report.html");
        } else if (config.diagnostics.enabled) {
            Phases.enter("diagnostics");
            found = checks.check(model, inputs, diagnosticsFor(model, config.diagnostics), config.seed,
                    options.threads(config.simulation.threads), pool, stage);
            if (found != null && found.page() != null) {
                found = new RunChecks.Summary(found.problems(), out.resolve(stage.relativize(found.page())));
            }
        }
        Manifest m = model.manifest();
        RunReport report = new RunReport(out, out.resolve(MODEL_FILE), m.simulations(),
                m.training().statistics().getOrDefault("fit-seconds", Double.NaN), files, found);
        Phases.enter("summary");
        try {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("config", run.resolvedConfig());
            summary.put("simulations", m.simulations());
            summary.put("training", m.training());
            if (m.sequential() != null) {
                // the rounds: what each simulated, its acceptance under the truncation and its fit
                summary.put("sequential", m.sequential());
            }
            summary.put("samples", files.stream().map(f -> sampleEntry(f, samplerReports.get(f.observation())))
                    .toList());
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(stage.resolve("summary.json").toFile(), summary);
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot write " + out.resolve("summary.json") + ": "
                    + e.getMessage(), e);
        }
        return report;
    }

    /**
     * The checks a model can take: a posterior trained in sequential rounds answers its one observation only, so the
     * checks that draw it for observations simulated from the prior (SBC, expected coverage, TARP) are skipped.
     */
    private static DiagnosticsSpec diagnosticsFor(TrainedModel model, DiagnosticsSpec spec) {
        if (model.trainedFor() == null || spec.calibrationSimulations() == 0) {
            return spec;
        }
        LOG.info("calibration checks (SBC, coverage, TARP) skipped: the model was trained in sequential rounds for "
                + "one observation, and they draw the posterior of observations simulated from the prior");
        DiagnosticsSpec copy = SettingsBinder.bind(SettingsBinder.toNode(spec), DiagnosticsSpec.class, "diagnostics");
        copy.sbc = 0;
        copy.coverage = 0;
        return copy;
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
    /** A summary.json entry of one observation's samples, with the sampler's statistics and warnings if any. */
    private static Map<String, Object> sampleEntry(RunReport.SampleFile f, Map<String, Object> sampler) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("observation", f.observation());
        entry.put("file", f.file().toString());
        entry.put("count", f.count());
        entry.put("seconds", f.seconds());
        if (sampler != null) {
            entry.put("sampler", sampler);
        }
        return entry;
    }

    /** The finite statistics of a sampler run (R-hat, effective sample size, acceptance, ...) and its warnings. */
    private static Map<String, Object> samplerReport(org.sbi4j.api.SamplerResult result) {
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        Map<String, Double> statistics = new java.util.TreeMap<>();
        result.statistics().forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                statistics.put(k, v);
            }
        });
        report.put("statistics", statistics);
        report.put("warnings", result.warnings());
        return report;
    }
}
