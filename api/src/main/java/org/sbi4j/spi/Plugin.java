package org.sbi4j.spi;

import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry point of a plugin jar. Every method has a default returning
 * nothing, so a plugin overrides only what it contributes and new extension kinds never break it.
 *
 * <p>Register the implementation in {@code META-INF/services/org.sbi4j.spi.Plugin}. It needs a public
 * no-argument constructor and must be cheap to construct: the runtime instantiates every plugin to list it.
 */
public interface Plugin {

    /** Simulators this plugin contributes. */
    default List<SimulatorFactory<?>> simulatorFactories() {
        return List.of();
    }

    /** Priors this plugin contributes. */
    default List<PriorFactory<?>> priorFactories() {
        return List.of();
    }

    /** Estimators this plugin contributes. */
    default List<EstimatorFactory<?>> estimatorFactories() {
        return List.of();
    }

    /** Samplers this plugin contributes. */
    @Experimental(eta = "2027-06-30")
    default List<SamplerFactory<?>> samplerFactories() {
        return List.of();
    }

    /**
     * The plugin's version, stored in every saved model; by default the jar manifest's
     * {@code Implementation-Version}, or {@code "unversioned"} when there is none.
     */
    default String version() {
        String version = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return version == null ? "unversioned" : version;
    }
}
