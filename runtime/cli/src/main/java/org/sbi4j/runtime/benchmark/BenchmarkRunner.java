package org.sbi4j.runtime.benchmark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sbi4j.api.Capability;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.ResolvedRun;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.ObservationSpec;
import org.sbi4j.runtime.config.RefineSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.diagnostics.C2st;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.plugin.ComponentKind;
import org.sbi4j.runtime.sample.ImportanceWeights;

/**
 * The benchmark protocol of sbibm: for one task, estimator and simulation budget, train once, draw 10,000
 * samples for each reference observation, and score them against the reference posterior with C2ST. Writes
 * {@code DIR/<task>/<estimator>/<budget>/obsNN/samples.csv} and {@code summary.csv} beside them.
 */
public final class BenchmarkRunner {
    private final Sbi4j sbi;
    private final PublishedResults published;

    /**
     * @param sbi the runtime
     * @param published the published sbibm results to print beside ours
     */
    public BenchmarkRunner(Sbi4j sbi, PublishedResults published) {
        this.sbi = requireNonNull(sbi, "sbi is null");
        this.published = requireNonNull(published, "published is null");
    }

    /**
     * One benchmark cell.
     *
     * @param task the task (plugin name {@code two-moons} or data folder name {@code two_moons})
     * @param estimator the estimator name
     * @param estimatorSettings estimator settings
     * @param simulations the simulation budget
     * @param observations the reference observation numbers
     * @param samples samples per observation (sbibm: 10,000)
     * @param seed the master seed
     * @param out the output root
     * @param refine the refinement applied before sampling
     * @param sampler the sampler ({@code direct}: none, or the default of a posterior that needs one)
     * @param rounds sequential rounds: 1 trains one amortised model for every observation; more trains one model per
     *     observation in that many truncated-prior rounds (the config's {@code rounds})
     */
    public record Request(String task, String estimator, Map<String, Object> estimatorSettings, int simulations,
                          List<Integer> observations, int samples, long seed, Path out, RefineSpec refine,
                          ComponentSpec sampler, int rounds) {
        /** A request in one round. */
        public Request(String task, String estimator, Map<String, Object> estimatorSettings, int simulations,
                       List<Integer> observations, int samples, long seed, Path out, RefineSpec refine,
                       ComponentSpec sampler) {
            this(task, estimator, estimatorSettings, simulations, observations, samples, seed, out, refine, sampler, 1);
        }

        /** A request without refinement. */
        public Request(String task, String estimator, Map<String, Object> estimatorSettings, int simulations,
                       List<Integer> observations, int samples, long seed, Path out) {
            this(task, estimator, estimatorSettings, simulations, observations, samples, seed, out, new RefineSpec());
        }

        /** A request with a refinement and no sampler. */
        public Request(String task, String estimator, Map<String, Object> estimatorSettings, int simulations,
                       List<Integer> observations, int samples, long seed, Path out, RefineSpec refine) {
            this(task, estimator, estimatorSettings, simulations, observations, samples, seed, out, refine,
                    new ComponentSpec(RunConfig.DIRECT, Map.of()));
        }

        /**
         * The method's name in folders and tables, e.g. {@code npe}, {@code npe+importance-sampling} or
         * {@code likelihood+slice}.
         */
        public String method() {
            String base = rounds > 1 ? estimator + "-rounds" + rounds : estimator;
            if (!RunConfig.DIRECT.equals(sampler.type())) {
                return base + "+" + sampler.type();
            }
            return refine.enabled() ? base + "+" + refine.method : base;
        }
    }

    /**
     * The score of one observation.
     *
     * @param observation the observation number
     * @param c2st our C2ST
     * @param published the published C2ST of the same method (NaN when none)
     * @param samplingSeconds wall time of drawing the samples
     * @param weights the importance weights behind the samples when refined, else {@code null}
     * @param sampling what the sampler reported (R-hat, effective sample size, ...), or {@code null} without one
     * @param trainingSeconds wall time of simulating and fitting the model that drew the samples (shared by every
     *     observation unless the model was trained for this one in rounds)
     * @param epochs training epochs of that model (of its last round)
     */
    public record Row(int observation, double c2st, double published, double samplingSeconds,
                      ImportanceWeights weights, SamplerResult sampling, double trainingSeconds, int epochs) {
    }

    /**
     * The result of one cell.
     *
     * @param task the task's plugin name
     * @param directory where the samples and summary went
     * @param trainingSeconds wall time of simulating and fitting (with rounds: the mean over observations, each
     *     trained on its own)
     * @param epochs training epochs (0 for non-iterative estimators; with rounds: of the last round, mean over
     *     observations)
     * @param rows one row per observation
     * @param sampler the sampler that drew the samples ({@code none} for direct sampling)
     * @param simulated whether the estimator used the simulation budget (an exact-likelihood posterior does not)
     */
    public record Result(String task, Path directory, double trainingSeconds, int epochs, List<Row> rows,
                         String sampler, boolean simulated) {
        /** Mean C2ST over the observations. */
        public double meanC2st() {
            return rows.stream().mapToDouble(Row::c2st).average().orElse(Double.NaN);
        }

        /** Mean published C2ST over the same observations (NaN when any is missing). */
        public double meanPublished() {
            return rows.stream().mapToDouble(Row::published).average().orElse(Double.NaN);
        }
    }

    /**
     * Runs one cell.
     *
     * @param request what to run
     * @return the scores
     */
    public Result run(Request request) {
        return run(request, row -> { });
    }

    /**
     * Runs one cell, telling {@code onObservation} about each observation as soon as it is scored. {@code summary.csv}
     * is rewritten after every observation, so an interrupted cell keeps the observations it finished.
     *
     * @param request what to run
     * @param onObservation called with each observation's row, in order
     * @return the scores
     */
    public Result run(Request request, Consumer<Row> onObservation) {
        String task = request.task().replace('_', '-');
        String folder = task.replace('-', '_');
        if (request.observations().isEmpty()) {
            throw SbiException.userError("give at least one observation, e.g. --observations 1-10");
        }
        ResolvedRun resolved = sbi.resolve(config(request, task));
        ReferenceData reference = resolved.simulator().referenceData().orElseThrow(() -> SbiException.userError(
                "task '" + task + "' has no reference posteriors, so benchmark cannot score it with C2ST. Benchmark "
                        + "a task with reference data: " + tasksWithReferenceData(request) + "; check '" + task
                        + "' with 'sbi4j run' or 'sbi4j diagnose' instead"));
        for (int k : request.observations()) {
            if (k < 1 || k > reference.observationCount()) {
                throw SbiException.userError("--observations: reference observation " + k + " does not exist; task '"
                        + task + "' has reference observations 1 to " + reference.observationCount());
            }
        }
        Path directory = request.out().resolve(task).resolve(request.method()).resolve(Integer.toString(request.simulations()));
        List<Row> rows = new ArrayList<>();
        TrainedModel model = null;
        double trainingSeconds = 0;
        for (int k : request.observations()) {
            if (model == null || request.rounds() > 1) {
                long start = System.nanoTime();
                model = sbi.train(request.rounds() > 1
                        ? sbi.resolve(sequentialConfig(request, task, reference.observation(k))) : resolved);
                trainingSeconds = (System.nanoTime() - start) / 1e9;
            }
            Row row = score(model, k, reference, request, folder, directory, trainingSeconds);
            rows.add(row);
            writeSummary(directory.resolve("summary.csv"), request, result(task, directory, rows, model, resolved));
            onObservation.accept(row);
        }
        return result(task, directory, rows, model, resolved);
    }

    private static Result result(String task, Path directory, List<Row> rows, TrainedModel model,
                                 ResolvedRun resolved) {
        return new Result(task, directory, rows.stream().mapToDouble(Row::trainingSeconds).average()
                .orElse(Double.NaN), (int) Math.round(rows.stream().mapToInt(Row::epochs).average().orElse(0)),
                List.copyOf(rows), model.refinement(),
                resolved.estimator().requirements().contains(Capability.SIMULATIONS));
    }

    /** Draws a model's samples for reference observation k and scores them. */
    private Row score(TrainedModel model, int k, ReferenceData reference, Request request, String folder,
                      Path directory, double trainingSeconds) {
        long t0 = System.nanoTime();
        TrainedModel.Draws draws = model.draw(reference.observation(k), request.samples(), request.seed());
        double[][] samples = draws.samples();
        double samplingSeconds = (System.nanoTime() - t0) / 1e9;
        write(directory.resolve(String.format("obs%02d", k)).resolve("samples.csv"), model.parameterNames(), samples);
        double score = C2st.sbibm().evaluate(samples, reference.referenceSamples(k), request.seed()).accuracy();
        double pub = published.c2st(folder, request.estimator(), request.simulations(), k, request.rounds() > 1)
                .orElse(Double.NaN);
        return new Row(k, score, pub, samplingSeconds, draws.weights(), draws.sampling(), trainingSeconds,
                model.manifest().training().epochs());
    }

    /** The config of one observation's sequential training. */
    private static RunConfig sequentialConfig(Request request, String task, double[] observation) {
        RunConfig config = config(request, task);
        ObservationSpec spec = new ObservationSpec();
        spec.values = java.util.Arrays.stream(observation).boxed().toList();
        config.observations = new ArrayList<>(List.of(spec));
        return config;
    }

    private static RunConfig config(Request request, String task) {
        RunConfig config = new RunConfig();
        config.seed = request.seed();
        config.simulator = new ComponentSpec(task, Map.of());
        config.estimator = new ComponentSpec(request.estimator(), request.estimatorSettings());
        config.simulation.budget = request.simulations();
        config.samples = request.samples();
        config.refine = request.refine();
        config.sampler = request.sampler();
        config.rounds = request.rounds();
        return config;
    }

    /** The simulators that have reference posteriors and resolve with the request's estimator, for a message. */
    private String tasksWithReferenceData(Request request) {
        List<String> tasks = new ArrayList<>();
        for (String name : sbi.plugins().names(ComponentKind.SIMULATOR)) {
            try {
                if (sbi.resolve(config(request, name)).simulator().referenceData().isPresent()) {
                    tasks.add(name);
                }
            } catch (RuntimeException e) {
                // a simulator that does not resolve with this estimator is not a task to suggest
            }
        }
        return tasks.isEmpty() ? "none is installed (the sbibm tasks come with the benchmarks plugin and data/sbibm)"
                : String.join(", ", tasks);
    }

    private static void writeSummary(Path file, Request request, Result result) {
        StringBuilder sb = new StringBuilder("task,estimator,simulations,observation,c2st,published_c2st,"
                + "training_seconds,epochs,sampling_seconds,sample_efficiency,log_evidence,log_evidence_se,sampler,r_hat,"
                + "effective_sample_size\n");
        for (Row r : result.rows()) {
            sb.append(result.task()).append(',').append(request.method()).append(',').append(request.simulations())
                    .append(',').append(r.observation()).append(',').append(String.format("%.4f", r.c2st()))
                    .append(',').append(Double.isNaN(r.published()) ? "" : String.format("%.4f", r.published()))
                    .append(',').append(String.format("%.2f", r.trainingSeconds())).append(',')
                    .append(r.epochs()).append(',').append(String.format("%.3f", r.samplingSeconds()));
            ImportanceWeights w = r.weights();
            sb.append(w == null ? ",,," : String.format(",%.5f,%.5f,%.5f", w.sampleEfficiency(), w.logEvidence(),
                    w.logEvidenceStandardError()));
            Map<String, Double> stats = r.sampling() == null ? Map.of() : r.sampling().statistics();
            sb.append(',').append(result.sampler()).append(',').append(format(stats.get("r-hat"))).append(',')
                    .append(format(stats.get("effective-sample-size"))).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String format(Double value) {
        return value == null ? "" : String.format("%.4f", value);
    }

    private static void write(Path file, List<String> header, double[][] rows) {
        try {
            Csv.write(file, header, rows);
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code 1-10}, {@code 3} or {@code 1,4,7}.
     *
     * @param text the list
     * @return the observation numbers
     */
    public static List<Integer> parseObservations(String text) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).trim());
                    int to = Integer.parseInt(p.substring(dash + 1).trim());
                    if (to < from) {
                        throw new NumberFormatException();
                    }
                    for (int k = from; k <= to; k++) {
                        out.add(k);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            }
        } catch (NumberFormatException e) {
            throw SbiException.userError("--observations '" + text + "' must be a number, a range like 1-10, or a "
                    + "comma-separated list like 1,4,7");
        }
        return out;
    }
}
