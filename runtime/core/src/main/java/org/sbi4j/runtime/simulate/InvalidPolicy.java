package org.sbi4j.runtime.simulate;

/** What the simulation engine does with runs that fail or return NaN/∞. */
public enum InvalidPolicy {
    /** Count them, leave them out of the training set, and report the count. */
    DROP,
    /** Stop the run with an error naming how many failed. */
    FAIL
}
