package org.sbi4j.runtime.simulate;

import org.sbi4j.spi.Settings;

/**
 * Makes a {@link SimulationBackend} chosen by name in a config ({@code simulation.backend: {type: <name>, ...}}),
 * found with {@link java.util.ServiceLoader} under {@code META-INF/services/org.sbi4j.runtime.simulate.SimulationBackendFactory}.
 * The {@code local} backend is built in; a cluster backend lives in a module of its own (sbi4j-backend-spark), so
 * that neither the runtime nor an embedding application depends on the cluster's libraries.
 *
 * <p>Backends are runtime services, not part of the plugin SPI in {@code sbi4j-api}: they run the runtime's
 * {@link BatchPlan}s and report to its {@link Progress}, which simulator and estimator authors never see.
 *
 * @param <S> the backend's settings (the keys beside {@code type})
 */
public interface SimulationBackendFactory<S extends Settings> {

    /** The backend's name in a config, e.g. {@code spark}. */
    String name();

    /** One line for {@code sbi4j plugins} and messages. */
    String description();

    /** The class its settings bind to (strictly: an unknown key is an error naming the valid ones). */
    Class<S> settingsType();

    /**
     * Makes the backend for one job; the caller closes it.
     *
     * @param settings the bound settings
     * @param local the runtime's local backend, for work the backend does not take (plans without a
     *     {@link SimulationRecipe})
     * @return the backend
     */
    SimulationBackend create(S settings, SimulationBackend local);
}
