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
    private static final String STORE_ROLE = "the simulation store";

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the run config (YAML)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config key, e.g. --set simulation.budget=1000 --set estimator.keep=200")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--store", paramLabel = "DIR", description = "simulation store folder (overrides "
            + "simulation.store): simulations are kept there, a re-run resumes, a larger budget extends it")
    Path store;

    RunConfig load(Sbi4j sbi) {
        RunConfig loaded = sbi.config(config, overrides);
        if (store != null) {
            loaded.simulation.store = store.toString();
        }
        if (loaded.simulation.store != null) {
            List<OutputGuard.Input> inputs = inputs(loaded);
            inputs.removeIf(i -> i.role().startsWith(STORE_ROLE));
            OutputGuard.refuseFolder(Path.of(loaded.simulation.store), "--store (simulation.store)", inputs);
        }
        return loaded;
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
        if (loaded.simulation.store != null) {
            inputs.add(new OutputGuard.Input(STORE_ROLE + " (--store)", Path.of(loaded.simulation.store)));
        }
        return inputs;
    }
}
