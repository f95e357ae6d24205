package org.sbi4j.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.RunSizes;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.io.OutputGuard;
import org.sbi4j.runtime.io.OutputPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sbi4j sample}: answer a new observation with a saved model. */
@Command(name = "sample", description = "Draw posterior samples for an observation from a saved model.")
final class SampleCommand implements Runnable {
    @ParentCommand
    Sbi4jCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.zip", description = "a saved model")
    Path model;

    @Option(names = "--observation", required = true, paramLabel = "OBS.csv",
            description = "the observation: a header row of data names and one row of values")
    Path observation;

    @Option(names = {"-n", "--samples"}, defaultValue = "10000", paramLabel = "N", description = "number of samples (default 10000)")
    int samples;

    @Option(names = "--out", required = true, paramLabel = "SAMPLES.csv", description = "where to write the samples")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: the model's training seed)")
    Long seed;

    @Override
    public void run() {
        if (samples < 1) {
            throw SbiException.userError("--samples must be at least 1, got " + samples);
        }
        OutputGuard.refuseFile(out, "--out", List.of(new OutputGuard.Input("the model (--model)", model),
                new OutputGuard.Input("the observation (--observation)", observation)));
        OutputPaths.checkFile(out, "--out");
        Sbi4j sbi = parent.runtime();
        TrainedModel trained = sbi.load(model);
        RunSizes.requireSamples("--samples", samples, trained.parameterNames().size());
        double[] x0 = Csv.readObservation(observation, trained.simulator().dataNames());
        long s = seed != null ? seed : trained.manifest().seed();
        long start = System.nanoTime();
        double[][] draws = trained.sample(x0, samples, s);
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            Csv.write(out, trained.parameterNames(), draws);
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("%d samples in %.3f s (seed %d) -> %s%n", samples, seconds, s, out);
    }
}
