package org.sbi4j.runtime.simulate;

/** Starts progress displays; the CLI shows a bar with rate and ETA, embedded hosts may show nothing. */
@FunctionalInterface
public interface ProgressReporter {

    /** Shows nothing. */
    ProgressReporter SILENT = (task, total, unit) -> Progress.NONE;

    /**
     * Starts showing one task.
     *
     * @param task what is being done, e.g. "Simulating"
     * @param total the number of steps
     * @param unit what a step is, e.g. "sims"
     * @return the task's progress
     */
    Progress start(String task, long total, String unit);
}
