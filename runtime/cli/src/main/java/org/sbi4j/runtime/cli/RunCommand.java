package org.sbi4j.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.ResolvedRun;
import org.sbi4j.runtime.RunReport;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.io.OutputGuard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sbi4j run}: simulate, train, sample every configured observation, save and report. */
@Command(name = "run", description = "Simulate, train, sample every configured observation, save the model and report.")
final class RunCommand implements Runnable {
    @ParentCommand
    Sbi4jCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (overrides the config's 'output')")
    Path out;

    @Option(names = "--dry-run", description = "print the resolved config (every default filled in) and stop")
    boolean dryRun;

    @Override
    public void run() {
        Sbi4j sbi = parent.runtime();
        RunConfig config = options.load(sbi);
        PrintWriter stdout = spec.commandLine().getOut();
        if (dryRun) {
            ResolvedRun resolved = sbi.resolve(config);
            try {
                stdout.print(Json.yaml().writeValueAsString(resolved.resolvedConfig()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        OutputGuard.refuseFolder(config.outputFolder(out), out != null ? "--out" : "output", options.inputs(config));
        RunReport report = sbi.run(config, out);
        Reports.printRun(stdout, config, report);
    }
}
