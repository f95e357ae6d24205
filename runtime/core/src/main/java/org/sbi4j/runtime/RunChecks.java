package org.sbi4j.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.parallel.WorkerPool;

/**
 * The checks at the end of a run: calibration, distances to a reference, predictive checks, a report. They live
 * in {@code sbi4j-report}, which registers its implementation with {@link ServiceLoader}; without it on the class
 * path a run skips them and says so. A host application may bind its own through Guice.
 */
public interface RunChecks {

    /** No checks: what a runtime without {@code sbi4j-report} does. */
    RunChecks NONE = new RunChecks() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Summary check(TrainedModel model, List<ObservationInput> observations, DiagnosticsSpec spec, long seed,
                             int threads, WorkerPool pool, Path out) {
            return null;
        }
    };

    /** Whether these checks do anything. */
    default boolean available() {
        return true;
    }

    /**
     * Runs the checks that apply and writes what they find into a folder.
     *
     * @param model the trained model
     * @param observations the observations, with their samples and what is known about their true posterior
     * @param spec which checks and how large
     * @param seed the seed of every check
     * @param threads the most threads
     * @param pool where the checks run in parallel (results do not depend on it)
     * @param out the run's folder
     * @return what was found, or {@code null} when nothing ran
     */
    Summary check(TrainedModel model, List<ObservationInput> observations, DiagnosticsSpec spec, long seed,
                  int threads, WorkerPool pool, Path out);

    /**
     * The checks installed on the class path, or {@link #NONE}.
     *
     * @return the first implementation {@link ServiceLoader} finds
     */
    static RunChecks installed() {
        return ServiceLoader.load(RunChecks.class, RunChecks.class.getClassLoader()).findFirst().orElse(NONE);
    }

    /**
     * What the checks found.
     *
     * @param problems the number of findings at the level "problem"
     * @param page the report written, or {@code null}
     */
    record Summary(int problems, Path page) {
    }
}
