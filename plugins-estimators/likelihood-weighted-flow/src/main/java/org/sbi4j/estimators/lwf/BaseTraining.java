package org.sbi4j.estimators.lwf;

import java.util.Locale;

/** How the EM-fitted mixture base trains with the flow (setting {@code base-training}). */
public enum BaseTraining {
    /** Base and flow train together from the first step, at the flow's learning rate. */
    JOINT,
    /**
     * The base keeps its EM fit while the flow trains; then, if {@code joint-learning-rate} is positive, a joint
     * phase at that rate, kept only when it lowers the validation loss.
     */
    FROZEN;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
