package org.sbi4j.simulators.benchmarks;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.function.Function;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/**
 * The factory of one sbibm task: resolves the task's reference-data folder and builds the simulator.
 */
public final class BenchmarkSimulatorFactory implements SimulatorFactory<BenchmarkSettings> {
    private final String name;
    private final String folder;
    private final String description;
    private final Function<Path, ? extends Simulator> constructor;

    /**
     * @param name the stable factory name, e.g. {@code two-moons}
     * @param folder the task's sub-folder of the data directory, e.g. {@code two_moons}
     * @param description one sentence for {@code sbi4j plugins}
     * @param constructor builds the task from its reference folder (which may not exist)
     */
    public BenchmarkSimulatorFactory(String name, String folder, String description,
                                     Function<Path, ? extends Simulator> constructor) {
        this.name = requireNonNull(name);
        this.folder = requireNonNull(folder);
        this.description = requireNonNull(description);
        this.constructor = requireNonNull(constructor);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    /** The task's sub-folder of the data directory. */
    public String folder() {
        return folder;
    }

    @Override
    public Class<BenchmarkSettings> settingsType() {
        return BenchmarkSettings.class;
    }

    @Override
    public Simulator create(BenchmarkSettings settings, PluginContext context) {
        return constructor.apply(context.resolve(settings.dataDir).resolve(folder));
    }
}
