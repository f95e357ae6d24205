package org.sbi4j.runtime.cli;

import java.io.PrintWriter;
import org.sbi4j.runtime.RunReport;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.store.Manifest;

/** The plain-text reports the CLI prints. */
final class Reports {
    private Reports() {
    }

    static void printRun(PrintWriter out, RunConfig config, RunReport report) {
        out.printf("sbi4j run: simulator %s, prior %s, estimator %s, seed %d%n", config.simulator.type(),
                config.prior.type(), config.estimator.type(), config.seed);
        printSimulations(out, report.simulations());
        out.printf("fit: %.2f s%n", report.fitSeconds());
        for (RunReport.SampleFile f : report.samples()) {
            out.printf("%s: %d samples in %.3f s -> %s%n", f.observation(), f.count(), f.seconds(), f.file());
        }
        if (report.samples().isEmpty()) {
            out.println("no observations configured: add 'observations: [{file: obs.csv}]' to sample a posterior");
        }
        out.printf("model: %s%n", report.model());
        if (report.checks() != null) {
            int problems = report.checks().problems();
            out.printf("diagnostics: %d problem%s -> %s%n", problems, problems == 1 ? "" : "s", report.checks().page());
        }
    }

    static void printTraining(PrintWriter out, Manifest manifest) {
        printSimulations(out, manifest.simulations());
        out.printf("fit: %.2f s%n", manifest.training().statistics().getOrDefault("fit-seconds", Double.NaN));
    }

    private static void printSimulations(PrintWriter out, Manifest.SimulationStatistics s) {
        if (s.requested() > 0) {
            out.printf("simulations: %d requested, %d valid, %d dropped (failed or NaN/∞) in %.2f s%n",
                    s.requested(), s.valid(), s.invalid(), s.seconds());
        }
    }
}
