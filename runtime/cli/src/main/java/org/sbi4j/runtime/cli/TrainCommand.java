package org.sbi4j.runtime.cli;

import java.nio.file.Path;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.io.OutputGuard;
import org.sbi4j.runtime.io.OutputPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sbi4j train}: simulate and train, then save the model. */
@Command(name = "train", description = "Simulate and train, then save the model zip.")
final class TrainCommand implements Runnable {
    @ParentCommand
    Sbi4jCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--out", required = true, paramLabel = "MODEL.zip", description = "where to save the model")
    Path out;

    @Override
    public void run() {
        Sbi4j sbi = parent.runtime();
        RunConfig config = options.load(sbi);
        OutputGuard.refuseFile(out, "--out", options.inputs(config));
        OutputPaths.checkFile(out, "--out");
        TrainedModel model = sbi.train(config);
        model.save(out);
        Reports.printTraining(spec.commandLine().getOut(), model.manifest());
        spec.commandLine().getOut().printf("model: %s%n", out);
    }
}
