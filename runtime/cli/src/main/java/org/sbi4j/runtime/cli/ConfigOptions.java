package org.sbi4j.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.io.OutputGuard;
import picocli.CommandLine.Option;

/** The options of the commands that read a run config. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the run config (YAML)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config key, e.g. --set simulation.budget=1000 --set estimator.keep=200")
    List<String> overrides = new ArrayList<>();

    RunConfig load(Sbi4j sbi) {
        return sbi.config(config, overrides);
    }

    /** The files a loaded config reads: the config itself and its observation files. */
    List<OutputGuard.Input> inputs(RunConfig loaded) {
        List<OutputGuard.Input> inputs = new ArrayList<>();
        inputs.add(new OutputGuard.Input("the config (--config)", config));
        for (int i = 0; i < loaded.observations.size(); i++) {
            if (loaded.observations.get(i).file != null) {
                inputs.add(new OutputGuard.Input("the file of observations[" + i + "]",
                        Path.of(loaded.observations.get(i).file)));
            }
        }
        return inputs;
    }
}
