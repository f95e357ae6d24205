package org.sbi4j.runtime;

import java.nio.file.Path;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.plugin.ComponentKind;
import org.sbi4j.runtime.plugin.LoadedPlugin;
import org.sbi4j.runtime.plugin.PluginRegistry;
import org.sbi4j.runtime.store.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the components a model's manifest names before the model is rebuilt: each must be the component its
 * stored config names, installed, from the same plugin class that saved it, at a compatible version. A
 * mismatch is refused, not warned about: the stored arrays are private to the plugin that wrote them, and the
 * manifest's names decide which references and checks apply, so a model that loads despite one would answer
 * garbage.
 */
final class ManifestCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestCheck.class);
    /** The prior name recorded when the simulator's own prior was used. */
    private static final String OWN_PRIOR = "default";

    private final PluginRegistry registry;

    ManifestCheck(PluginRegistry registry) {
        this.registry = registry;
    }

    /**
     * Checks the estimator, simulator and prior of a manifest.
     *
     * @param file the model file (for messages)
     * @param manifest its manifest
     * @param config its stored config
     * @throws SbiException a user error naming the component, what differs and the fix
     */
    void check(Path file, Manifest manifest, RunConfig config) {
        check(file, manifest.estimator(), ComponentKind.ESTIMATOR, config.estimator.type(), config, true);
        check(file, manifest.simulator(), ComponentKind.SIMULATOR, config.simulator.type(), config, true);
        if (manifest.prior() != null) {
            // the prior's own version was never checked; its plugin is the runtime or the simulator's
            check(file, manifest.prior(), ComponentKind.PRIOR, config.prior.type(), config, false);
        }
    }

    private void check(Path file, Manifest.Component saved, ComponentKind kind, String configured, RunConfig config,
                       boolean checkVersion) {
        String label = kind.label();
        if (!configured.equals(saved.name())) {
            throw SbiException.userError("model file " + file + " is inconsistent: its manifest.json names " + label
                    + " '" + saved.name() + "' but the config stored with it has " + label + " type '" + configured
                    + "', so the file was modified or corrupted. Do not edit model files; re-create it with "
                    + "'sbi4j train' (or 'sbi4j run').");
        }
        LoadedPlugin installed;
        try {
            installed = installedPlugin(kind, configured, config);
        } catch (SbiException e) {
            throw SbiException.userError("model " + file + " needs " + label + " '" + configured + "' from plugin "
                    + saved.plugin() + " " + saved.pluginVersion() + ", which is not installed. Add that plugin "
                    + "to the class path or the plugin directory. (" + e.getMessage() + ")");
        }
        if (!installed.name().equals(saved.plugin())) {
            throw SbiException.userError("model " + file + " was saved by " + label + " '" + configured
                    + "' of plugin " + saved.plugin() + ", but the installed '" + configured + "' comes from plugin "
                    + installed.name() + " (" + installed.source() + "), which may read the model differently. "
                    + "Install the plugin that saved it, or re-train the model with 'sbi4j train'; if the plugins "
                    + "did not change, the model file was edited: re-create it.");
        }
        if (!checkVersion) {
            return;
        }
        if (!Versions.compatible(saved.pluginVersion(), installed.version())) {
            throw SbiException.userError("model " + file + " was saved by " + label + " '" + configured + "' version "
                    + saved.pluginVersion() + " but version " + installed.version() + " is installed ("
                    + installed.source() + "); the versions are incompatible. Load it with plugin version "
                    + saved.pluginVersion() + " or re-train the model.");
        }
        if (!Versions.sameOrUnversioned(saved.pluginVersion(), installed.version())) {
            LOG.warn("model {} was saved by {} '{}' version {}; loading with version {}", file, label, configured,
                    saved.pluginVersion(), installed.version());
        }
    }

    private LoadedPlugin installedPlugin(ComponentKind kind, String name, RunConfig config) {
        return switch (kind) {
            case ESTIMATOR -> registry.estimator(name).component().plugin();
            case SIMULATOR -> registry.simulator(name).component().plugin();
            case PRIOR -> OWN_PRIOR.equals(name) ? registry.simulator(config.simulator.type()).component().plugin()
                    : registry.prior(name).component().plugin();
            case SAMPLER -> registry.sampler(name).component().plugin();
        };
    }
}
