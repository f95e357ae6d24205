package org.sbi4j.runtime.report;

/**
 * One plain-language conclusion of the diagnostics, e.g. "under-confident for parameter theta3".
 *
 * @param level how much it matters
 * @param topic what it is about, e.g. {@code "calibration"} or {@code "obs01"}
 * @param message the sentence shown to people
 */
public record Finding(Level level, String topic, String message) {

    /** How much a finding matters. */
    public enum Level {
        /** The check passed. */
        OK,
        /** Worth a look; the result may still be usable. */
        WARNING,
        /** The posterior should not be trusted as it is. */
        PROBLEM,
        /** A check that was skipped, and why. */
        SKIPPED
    }

    /** A passed check. */
    public static Finding ok(String topic, String message) {
        return new Finding(Level.OK, topic, message);
    }

    /** Something worth a look. */
    public static Finding warning(String topic, String message) {
        return new Finding(Level.WARNING, topic, message);
    }

    /** A reason not to trust the posterior. */
    public static Finding problem(String topic, String message) {
        return new Finding(Level.PROBLEM, topic, message);
    }

    /** A skipped check. */
    public static Finding skipped(String topic, String message) {
        return new Finding(Level.SKIPPED, topic, message);
    }
}
