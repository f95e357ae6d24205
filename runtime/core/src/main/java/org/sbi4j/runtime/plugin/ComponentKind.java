package org.sbi4j.runtime.plugin;

/** The kinds of component a plugin can contribute. */
public enum ComponentKind {
    /** A {@link org.sbi4j.spi.SimulatorFactory}. */
    SIMULATOR,
    /** A {@link org.sbi4j.spi.PriorFactory}. */
    PRIOR,
    /** An {@link org.sbi4j.spi.EstimatorFactory}. */
    ESTIMATOR,
    /** A {@link org.sbi4j.spi.SamplerFactory}. */
    SAMPLER;

    /** Lowercase name for messages. */
    public String label() {
        return name().toLowerCase();
    }
}
