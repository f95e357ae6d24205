package org.sbi4j.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.plugin.PluginComponent;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.spi.Settings;

/**
 * A config with every component built and checked: simulator, prior, estimator, the observations read and
 * their widths checked, and the fully resolved config (all defaults filled in) that a saved model stores.
 *
 * @param config the bound config
 * @param resolvedConfig the config with every default written out
 * @param simulator the simulator
 * @param simulatorComponent where the simulator came from
 * @param prior the prior (the configured one, or the simulator's own)
 * @param priorComponent where a configured prior came from; {@code null} for the simulator's own prior
 * @param estimator the estimator
 * @param estimatorComponent where the estimator came from
 * @param estimatorSettings the estimator's bound settings
 * @param observations the observations to answer, in config order
 */
public record ResolvedRun(RunConfig config, ObjectNode resolvedConfig, Simulator simulator,
                          PluginComponent simulatorComponent, Prior prior, PluginComponent priorComponent,
                          Estimator estimator, PluginComponent estimatorComponent, Settings estimatorSettings,
                          List<NamedObservation> observations) {

    /**
     * An observation and the name of its output folder.
     *
     * @param name e.g. {@code obs01}
     * @param values x₀
     * @param referenceNumber the simulator's reference observation it is ({@code reference: N}), or 0
     * @param set the i.i.d. observations of one θ answered together ({@code iid: true}); {@code {values}} for a
     *            single observation, whose {@code values} are the first row
     */
    public record NamedObservation(String name, double[] values, int referenceNumber, double[][] set) {
        /** A single observation. */
        public NamedObservation(String name, double[] values, int referenceNumber) {
            this(name, values, referenceNumber, new double[][] {values});
        }

        /** Whether this is a set of several i.i.d. observations. */
        public boolean isSet() {
            return set.length > 1;
        }
    }

    /** The manifest entry of the estimator. */
    Manifest.Component estimatorEntry() {
        return entry(estimatorComponent, estimator.getClass().getSimpleName());
    }

    /** The manifest entry of the simulator. */
    Manifest.Component simulatorEntry() {
        return entry(simulatorComponent, simulatorComponent.factory().description());
    }

    /** The manifest entry of the prior. */
    Manifest.Component priorEntry() {
        return priorComponent == null
                ? new Manifest.Component("default", simulatorComponent.plugin().name(),
                        simulatorComponent.plugin().version(), prior.toString())
                : entry(priorComponent, prior.toString());
    }

    private static Manifest.Component entry(PluginComponent c, String description) {
        return new Manifest.Component(c.name(), c.plugin().name(), c.plugin().version(), description);
    }
}
