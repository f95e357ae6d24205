package org.sbi4j.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.ObservationInput;
import org.sbi4j.runtime.RunSizes;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.config.RefineSpec;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.io.OutputGuard;
import org.sbi4j.runtime.report.Diagnostics;
import org.sbi4j.runtime.report.DiagnosticsReport;
import org.sbi4j.runtime.report.Finding;
import org.sbi4j.runtime.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code sbi4j diagnose}: check a saved model and write diagnostics.json, report.html and plots. */
@Command(name = "diagnose", description = "Check a saved model: simulation-based calibration, expected coverage and "
        + "TARP over prior draws; C2ST, MMD, KL and Wasserstein against reference posteriors; importance-sampling "
        + "efficiency and evidence; posterior predictive checks. Writes diagnostics.json, report.html and plots.")
final class DiagnoseCommand implements Runnable {
    @ParentCommand
    Sbi4jCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.zip", description = "a saved model")
    Path model;

    @Option(names = "--sbc", paramLabel = "N", description = "prior draws for simulation-based calibration; 0 skips "
            + "it (default 200)")
    Integer sbc;

    @Option(names = "--coverage", paramLabel = "N", description = "prior draws for expected coverage and TARP; 0 skips "
            + "them (default 200)")
    Integer coverage;

    @Option(names = "--draws", paramLabel = "L", description = "posterior draws per calibration simulation (default 199)")
    Integer draws;

    @Option(names = "--observation", paramLabel = "OBS.csv", description = "an observation to check (repeatable): "
            + "a header row of data names and one row of values")
    List<Path> observations = new ArrayList<>();

    @Option(names = "--reference-samples", paramLabel = "SAMPLES.csv", description = "samples of the true posterior of "
            + "the single --observation, for C2ST, MMD, KL and Wasserstein")
    Path referenceSamples;

    @Option(names = "--reference", paramLabel = "N", split = ",", description = "benchmark reference observations to "
            + "check, e.g. 1,2,3 (their reference samples and true parameters are used)")
    List<Integer> references = new ArrayList<>();

    @Option(names = "--reference-points", paramLabel = "N", description = "at most this many samples of each set "
            + "enter C2ST and the distances to a reference (default 5000)")
    Integer referencePoints;

    @Option(names = "--predictive", paramLabel = "N", description = "posterior draws simulated for the predictive check "
            + "of each observation; 0 skips it (default 500)")
    Integer predictive;

    @Option(names = "--refine", paramLabel = "METHOD", description = "refine the posterior before checking it: none or "
            + "importance-sampling (default: as the model was trained)")
    String refine;

    @Option(names = "--no-plots", description = "leave the pictures out")
    boolean noPlots;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: the model's training seed)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: 'diagnostics' beside the model)")
    Path out;

    @Override
    public void run() {
        DiagnosticsSpec options = options();
        if (referenceSamples != null && observations.size() != 1) {
            throw SbiException.userError("--reference-samples belongs to exactly one --observation, but "
                    + observations.size() + " were given");
        }
        Path folder = out != null ? out : model.toAbsolutePath().getParent().resolve("diagnostics");
        OutputGuard.refuseFolder(folder, "--out", inputs());
        Sbi4j sbi = parent.runtime();
        TrainedModel trained = sbi.load(model);
        if (trained.trainedFor() != null) {
            if ((sbc != null && sbc > 0) || (coverage != null && coverage > 0)) {
                throw SbiException.userError("--sbc and --coverage draw the posterior at observations simulated from "
                        + "the prior, but " + model + " was trained in sequential rounds for one observation and "
                        + "answers only that one; drop them (the distances to a reference and the predictive check "
                        + "apply), or diagnose an amortised model trained with rounds: 1");
            }
            options.sbc = 0;
            options.coverage = 0;
        }
        RunSizes.requireDiagnostics(options, trained.parameterNames().size(), trained.simulator().dataNames().size(),
                "--");
        if (refine != null) {
            trained = sbi.refine(trained, RefineSpec.named(refine));
        }
        List<ObservationInput> inputs = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            Path file = observations.get(i);
            ObservationInput input = ObservationInput.of(String.format("obs%02d", i + 1),
                    Csv.readObservation(file, trained.simulator().dataNames()));
            if (referenceSamples != null) {
                input = input.withReference(Csv.readSamples(referenceSamples, trained.parameterNames()),
                        "reference samples of " + referenceSamples.getFileName(), null);
            }
            inputs.add(input);
        }
        for (int number : references) {
            inputs.add(sbi.referenceObservation(trained, number));
        }
        long s = seed != null ? seed : trained.manifest().seed();
        int threads = sbi.options().threads(trained.manifest().config().at("/simulation/threads").asInt(0));
        DiagnosticsReport report = new Diagnostics().diagnose(trained, inputs, options, s, threads, folder);
        print(spec.commandLine().getOut(), report, folder);
    }

    private List<OutputGuard.Input> inputs() {
        List<OutputGuard.Input> inputs = new ArrayList<>();
        inputs.add(new OutputGuard.Input("the model (--model)", model));
        observations.forEach(o -> inputs.add(new OutputGuard.Input("the observation (--observation)", o)));
        if (referenceSamples != null) {
            inputs.add(new OutputGuard.Input("the reference samples (--reference-samples)", referenceSamples));
        }
        return inputs;
    }

    private DiagnosticsSpec options() {
        DiagnosticsSpec options = new DiagnosticsSpec();
        if (sbc != null) {
            options.sbc = sbc;
        }
        if (coverage != null) {
            options.coverage = coverage;
        }
        if (draws != null) {
            options.draws = draws;
        }
        if (predictive != null) {
            options.predictive = predictive;
        }
        if (referencePoints != null) {
            options.referencePoints = referencePoints;
        }
        options.plots = !noPlots;
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(e.getMessage().replace("diagnostics.", "--").replace("reference-points",
                    "reference points"));
        }
        return options;
    }

    static void print(PrintWriter out, DiagnosticsReport report, Path folder) {
        for (Finding f : report.findings()) {
            out.printf("%-8s %s: %s%n", f.level().name().toLowerCase(), f.topic(), f.message());
        }
        out.printf("report: %s%n", folder.resolve(ReportWriter.HTML_FILE));
        out.printf("diagnostics: %s%n", folder.resolve(ReportWriter.JSON_FILE));
    }
}
