package org.sbi4j.examples.embedding;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.sbi4j.runtime.RuntimeModule;
import org.sbi4j.runtime.RuntimeOptions;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.simulate.Progress;
import org.sbi4j.runtime.simulate.ProgressReporter;

/**
 * A host application that installs the sbi4j runtime into its own Guice injector and replaces two of its
 * services: progress goes to the host's metrics instead of a console bar, and simulations run on the host's
 * thread pool instead of sbi4j's. Results do not change: every batch is seeded by its index.
 */
public final class HostServicesExample {
    private HostServicesExample() {
    }

    /** The host's own metrics: how many simulations sbi4j reported as done. */
    public static final class Metrics implements ProgressReporter {
        private final AtomicLong simulated = new AtomicLong();

        @Override
        public Progress start(String task, long total, String unit) {
            return new Progress() {
                @Override
                public void advance(long steps) {
                    simulated.addAndGet(steps);
                }

                @Override
                public void close() {
                }
            };
        }

        /** Simulations reported so far. */
        public long simulated() {
            return simulated.get();
        }
    }

    /**
     * Builds a runtime whose progress and thread pool are the host's.
     *
     * @param metrics where progress goes
     * @param executor the host's threads
     * @return the facade, wired by the host's injector
     */
    public static Sbi4j runtime(Metrics metrics, ExecutorService executor) {
        RuntimeOptions options = new RuntimeOptions(Path.of(System.getProperty("user.dir")), null, 0);
        Injector injector = Guice.createInjector(Modules.override(
                new RuntimeModule(options, HostServicesExample.class.getClassLoader())).with(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(ProgressReporter.class).toInstance(metrics);
                        bind(WorkerPool.class).toInstance(new LocalWorkerPool(executor));
                    }
                }));
        return injector.getInstance(Sbi4j.class);
    }

    /**
     * Trains two-moons with rejection ABC on the host's services and samples one observation.
     *
     * @param sbi the runtime
     * @param budget simulations
     * @return posterior samples for x₀ = (0, 0)
     */
    public static double[][] trainAndSample(Sbi4j sbi, int budget) {
        RunConfig config = new RunConfig();
        config.seed = 7;
        config.simulator = new ComponentSpec("two-moons", Map.of());
        config.estimator = new ComponentSpec("rejection-abc", Map.of("keep", 100));
        config.simulation.budget = budget;
        TrainedModel model = sbi.train(config);
        return model.sample(new double[] {0.0, 0.0}, 500, 1);
    }
}
