package org.sbi4j.runtime;

import java.nio.file.Path;

/**
 * How the runtime was built: its home folder, where plugin jars are, and a thread count that overrides the
 * config's.
 *
 * @param home the sbi4j home; plugins resolve data paths against it
 * @param pluginDirectory a folder of plugin jars, or {@code null}
 * @param threadsOverride threads for simulation and fitting; 0 keeps the config's
 */
public record RuntimeOptions(Path home, Path pluginDirectory, int threadsOverride) {

    /**
     * The threads to use.
     *
     * @param configured the config's count; 0 means all cores
     * @return the override when set, else the configured count, else the number of cores
     */
    public int threads(int configured) {
        int t = threadsOverride > 0 ? threadsOverride : configured;
        return t > 0 ? t : Runtime.getRuntime().availableProcessors();
    }
}
