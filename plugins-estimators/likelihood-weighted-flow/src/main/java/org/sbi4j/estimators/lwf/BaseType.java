package org.sbi4j.estimators.lwf;

import java.util.Locale;

/** The base distribution of the flow. */
public enum BaseType {
    /** N(0, I): one connected blob, so separated modes stay joined by thin "bridges" of mass. */
    GAUSSIAN,
    /** A trainable Gaussian mixture, initialised by weighted EM, one component per posterior mode. */
    MIXTURE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
