package org.sbi4j.runtime.cli;

import java.io.PrintWriter;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.config.TruncationSpec;
import org.sbi4j.runtime.plugin.PluginComponent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sbi4j plugins}: every simulator, prior and estimator found, with the jar it came from. */
@Command(name = "plugins", description = "List every simulator, prior and estimator found, with its source jar.")
final class PluginsCommand implements Runnable {
    @ParentCommand
    Sbi4jCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "also list each component's settings with defaults")
    boolean verbose;

    @Override
    public void run() {
        Sbi4j sbi = parent.runtime();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-10s %-26s %-16s %s%n", "KIND", "NAME", "VERSION", "SOURCE");
        for (PluginComponent c : sbi.plugins().all()) {
            out.printf("%-10s %-26s %-16s %s%n", c.kind().label(), c.name(), c.plugin().version(), c.plugin().source());
            if (verbose) {
                out.printf("           %s%n", c.factory().description());
                for (SettingsBinder.SettingInfo s : SettingsBinder.describe(c.factory().settingsType())) {
                    out.printf("             %s%n", s);
                }
            }
        }
        if (verbose) {
            out.printf("%nconfig keys for sequential rounds (any estimator that trains on simulations):%n");
            for (SettingsBinder.SettingInfo s : SettingsBinder.describe(RunConfig.class)) {
                if (s.key().equals("rounds")) {
                    out.printf("             %s%n", s);
                }
            }
            for (SettingsBinder.SettingInfo s : SettingsBinder.describe(TruncationSpec.class)) {
                out.printf("             truncation.%s%n", s);
            }
        }
    }
}
