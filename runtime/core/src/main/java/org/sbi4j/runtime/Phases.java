package org.sbi4j.runtime;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks the phases of a job ({@code simulating}, {@code training}, {@code saving}, {@code sampling},
 * {@code sampling:<observation>}, {@code diagnostics}, {@code committing}, {@code committed}) in the debug log.
 * It is also the hook of the kill tests, which need a process stopped at a chosen phase: with the system
 * property {@code sbi4j.test.hold-at=<phase>} the job writes {@code sbi4j: holding at <phase>} to standard error on
 * entering that phase and waits there until its standard input closes (or it is killed).
 */
public final class Phases {
    /** The property that holds the job at a phase until standard input closes. */
    public static final String HOLD_AT = "sbi4j.test.hold-at";

    private static final Logger LOG = LoggerFactory.getLogger(Phases.class);

    private Phases() {
    }

    /**
     * Marks the start of a phase.
     *
     * @param phase its name
     */
    public static void enter(String phase) {
        LOG.debug("phase: {}", phase);
        if (phase.equals(System.getProperty(HOLD_AT))) {
            System.err.println("sbi4j: holding at " + phase);
            System.err.flush();
            try {
                while (System.in.read() >= 0) {
                    // wait for the end of standard input
                }
            } catch (IOException e) {
                // the input is gone: go on
            }
        }
    }
}
