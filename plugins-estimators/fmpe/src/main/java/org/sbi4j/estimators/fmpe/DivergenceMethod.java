package org.sbi4j.estimators.fmpe;

import java.util.Locale;

/** How the log density's ODE gets the divergence of the vector field. */
public enum DivergenceMethod {
    /** The exact trace of the Jacobian: d vector–Jacobian products per evaluation. */
    EXACT,
    /**
     * Hutchinson's unbiased estimate with {@code hutchinson-probes} Rademacher probes per evaluation (cheaper for
     * large d, but the log density becomes a noisy estimate; prefer a fixed-step solver with it).
     */
    HUTCHINSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
