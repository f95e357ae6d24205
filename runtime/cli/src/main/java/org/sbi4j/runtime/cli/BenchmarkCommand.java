package org.sbi4j.runtime.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.benchmark.BenchmarkRunner;
import org.sbi4j.runtime.benchmark.PublishedResults;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.RefineSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.io.OutputGuard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sbi4j benchmark}: the sbibm protocol (train once, 10,000 samples per reference observation, C2ST). */
@Command(name = "benchmark", description = "Score an estimator on an sbibm task with C2ST against the reference posteriors.")
final class BenchmarkCommand implements Runnable {
    @ParentCommand
    Sbi4jCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "e.g. two-moons or two_moons")
    String task;

    @Option(names = "--estimator", required = true, paramLabel = "NAME", description = "e.g. npe or rejection-abc")
    String estimator;

    @Option(names = "--simulations", required = true, split = ",", paramLabel = "N",
            description = "simulation budget(s), e.g. 1000 or 1000,10000")
    List<Integer> simulations;

    @Option(names = "--observations", defaultValue = "1-10", paramLabel = "LIST",
            description = "reference observations, e.g. 1-10 or 1,4,7 (default 1-10)")
    String observations;

    @Option(names = "--samples", defaultValue = "10000", paramLabel = "N", description = "samples per observation (default 10000)")
    int samples;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "master seed (default 42)")
    long seed;

    @Option(names = "--set", paramLabel = "estimator.KEY=VALUE",
            description = "estimator or sampler settings, e.g. --set estimator.flow=maf or --set sampler.chains=100")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--refine", defaultValue = "none", paramLabel = "METHOD",
            description = "refine the posterior before sampling: none (default) or importance-sampling")
    String refine;

    @Option(names = "--sampler", defaultValue = "direct", paramLabel = "NAME",
            description = "sampler in front of the posterior, e.g. nuts or slice; direct (default) samples the trained "
                    + "posterior itself, or a posterior known only up to a constant (nre, nle, likelihood) with the "
                    + "default sampler")
    String sampler;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "R",
            description = "sequential rounds (default 1: one amortised model for every observation); R > 1 trains one "
                    + "model per observation, each round after the first simulating from the prior truncated to that "
                    + "observation's posterior (the config's rounds and truncation)")
    int rounds;

    @Option(names = "--out", defaultValue = "runs/benchmark", paramLabel = "DIR", description = "output root (default runs/benchmark)")
    Path out;

    @Override
    public void run() {
        for (int budget : simulations) {
            if (budget < 1) {
                throw SbiException.userError("--simulations must be positive, got " + budget);
            }
        }
        if (rounds < 1) {
            throw SbiException.userError("--rounds must be at least 1, got " + rounds);
        }
        if (samples < 1) {
            throw SbiException.userError("--samples must be at least 1, got " + samples);
        }
        List<Integer> obs = BenchmarkRunner.parseObservations(observations);
        Map<String, Object> settings = settings("estimator");
        Map<String, Object> samplerSettings = settings("sampler");
        if (RunConfig.DIRECT.equals(sampler) && !samplerSettings.isEmpty()) {
            throw SbiException.userError("--set sampler." + samplerSettings.keySet().iterator().next() + ": choose the "
                    + "sampler these settings are for with --sampler, e.g. --sampler nuts");
        }
        if (!RunConfig.DIRECT.equals(sampler) && RefineSpec.named(refine).enabled()) {
            throw SbiException.userError("--refine and --sampler both choose how samples are drawn; keep one");
        }
        Path home = Path.of(System.getProperty("sbi4j.home", System.getProperty("user.dir")));
        Path referenceData = home.resolve("data/sbibm");
        OutputGuard.refuseFolder(out, "--out", List.of(new OutputGuard.Input("the sbibm reference data", referenceData)));
        Sbi4j sbi = parent.runtime();
        BenchmarkRunner runner = new BenchmarkRunner(sbi,
                PublishedResults.read(referenceData.resolve("published_c2st_per_observation.csv")));
        PrintWriter stdout = spec.commandLine().getOut();
        String algorithm = PublishedResults.algorithm(estimator, rounds > 1).orElse("-");
        RefineSpec refinement = RefineSpec.named(refine);
        ComponentSpec samplerSpec = new ComponentSpec(sampler, samplerSettings);
        stdout.printf("%-24s %-14s %8s %10s %10s %10s %7s%n", "task", "estimator", "sims", "C2ST", "published",
                "train s", "epochs");
        for (int budget : simulations) {
            BenchmarkRunner.Request request = new BenchmarkRunner.Request(task, estimator, settings, budget, obs,
                    samples, seed, out, refinement, samplerSpec, rounds);
            PrintWriter progress = spec.commandLine().getErr();
            // one line per observation on stderr (also with -q), so a long cell shows where it is
            BenchmarkRunner.Result r = runner.run(request, row -> {
                progress.printf("  %s %s %d, observation %d: C2ST %.4f (published %s), drawn in %.1f s%n",
                        task, request.method(), budget, row.observation(), row.c2st(),
                        Double.isNaN(row.published()) ? "-" : String.format("%.4f", row.published()),
                        row.samplingSeconds());
                progress.flush();
            });
            stdout.printf("%-24s %-14s %8d %10.4f %10s %10.1f %7d%n", r.task(), request.method(), budget, r.meanC2st(),
                    Double.isNaN(r.meanPublished()) ? "-" : String.format("%.4f", r.meanPublished()),
                    r.trainingSeconds(), r.epochs());
            StringBuilder per = new StringBuilder("  per observation:");
            r.rows().forEach(row -> per.append(String.format(" %d:%.3f", row.observation(), row.c2st())));
            stdout.println(per);
            if (rounds > 1) {
                StringBuilder train = new StringBuilder("  trained per observation in " + rounds + " rounds, s/epochs:");
                r.rows().forEach(row -> train.append(String.format(" %d:%.1f/%d", row.observation(),
                        row.trainingSeconds(), row.epochs())));
                stdout.println(train);
            }
            if (!r.simulated()) {
                stdout.printf("  estimator '%s' uses no simulations: the budget %d only labels the results%n",
                        estimator, budget);
            }
            if (r.rows().get(0).sampling() != null) {
                StringBuilder chains = new StringBuilder("  sampler " + r.sampler() + ", R-hat / ESS:");
                r.rows().forEach(row -> chains.append(String.format(" %d:%.3f/%.0f", row.observation(),
                        row.sampling().statistics().getOrDefault("r-hat", Double.NaN),
                        row.sampling().statistics().getOrDefault("effective-sample-size", Double.NaN))));
                stdout.println(chains);
            }
            if (r.rows().get(0).weights() != null) {
                StringBuilder eff = new StringBuilder("  sample efficiency / log evidence ± s.e.:");
                r.rows().forEach(row -> eff.append(String.format(" %d:%.3f/%.3f±%.3f", row.observation(),
                        row.weights().sampleEfficiency(), row.weights().logEvidence(),
                        row.weights().logEvidenceStandardError())));
                stdout.println(eff);
            }
            stdout.printf("  samples and summary.csv in %s (published column: sbibm %s)%n", r.directory(), algorithm);
            stdout.flush();
        }
    }

    /** The {@code --set} overrides under {@code estimator.} or {@code sampler.}. */
    private Map<String, Object> settings(String component) {
        ObjectNode tree = Json.mapper().createObjectNode();
        tree.putObject(component);
        List<String> mine = new ArrayList<>();
        for (String o : overrides) {
            if (!o.startsWith("estimator.") && !o.startsWith("sampler.")) {
                throw SbiException.userError("--set '" + o + "': benchmark takes only estimator and sampler settings, "
                        + "e.g. --set estimator.flow=maf or --set sampler.chains=100; the task, budget and observations "
                        + "have their own options");
            }
            if (o.startsWith(component + ".")) {
                mine.add(o);
            }
        }
        ConfigFiles.applyOverrides(tree, mine);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.mapper().convertValue(tree.get(component), LinkedHashMap.class);
        return map;
    }
}
