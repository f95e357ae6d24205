package org.sbi4j.runtime.report;

import java.nio.file.Path;
import java.util.List;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.ObservationInput;
import org.sbi4j.runtime.RunChecks;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;

/**
 * Runs every diagnostic that applies to a model and writes {@code diagnostics.json}, {@code report.html} and the
 * plots into a folder. Registered as the runtime's {@link RunChecks}, so {@code run} ends with it whenever
 * {@code sbi4j-report} is on the class path.
 */
public final class Diagnostics implements RunChecks {

    /** For {@link java.util.ServiceLoader}. */
    public Diagnostics() {
    }

    /**
     * Runs the checks and writes the report.
     *
     * @param model the trained model
     * @param observations the observations to check (with their samples, reference and truth when known)
     * @param spec which checks run and how large they are
     * @param seed the seed of every check
     * @param threads the most threads
     * @param out the output folder
     * @return what was found
     */
    public DiagnosticsReport diagnose(TrainedModel model, List<ObservationInput> observations, DiagnosticsSpec spec,
                                      long seed, int threads, Path out) {
        return diagnose(model, observations, spec, seed, threads, LocalWorkerPool.shared(), out);
    }

    /**
     * Runs the checks on a given pool and writes the report.
     *
     * @param model the trained model
     * @param observations the observations to check
     * @param spec which checks run and how large they are
     * @param seed the seed of every check
     * @param threads the most threads
     * @param pool where the checks run (results do not depend on it)
     * @param out the output folder
     * @return what was found
     */
    public DiagnosticsReport diagnose(TrainedModel model, List<ObservationInput> observations, DiagnosticsSpec spec,
                                      long seed, int threads, WorkerPool pool, Path out) {
        try {
            spec.validate();
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(e.getMessage());
        }
        for (ObservationInput o : observations) {
            Csv.checkWidth(o.values(), model.simulator().dataNames(), "observation '" + o.name() + "'");
        }
        Diagnostician.Outcome outcome = new Diagnostician(spec, seed, threads, pool).diagnose(model, observations);
        ReportWriter.write(out, outcome, model.manifest().config());
        return outcome.report();
    }

    @Override
    public Summary check(TrainedModel model, List<ObservationInput> observations, DiagnosticsSpec spec, long seed,
                         int threads, WorkerPool pool, Path out) {
        DiagnosticsReport report = diagnose(model, observations, spec, seed, threads, pool, out);
        int problems = (int) report.findings().stream().filter(f -> f.level() == Finding.Level.PROBLEM).count();
        return new Summary(problems, out.resolve(ReportWriter.HTML_FILE));
    }
}
