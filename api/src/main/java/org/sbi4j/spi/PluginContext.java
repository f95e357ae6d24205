package org.sbi4j.spi;

import java.nio.file.Path;

/** What the runtime tells a factory about where it runs. */
public interface PluginContext {

    /**
     * The sbi4j home directory (the repository root for the launcher; the working directory when embedded
     * without one). Relative paths in settings are resolved against it.
     */
    Path homeDirectory();

    /**
     * Resolves a path from a setting: absolute paths stay as they are, relative ones are taken from
     * {@link #homeDirectory()}.
     *
     * @param path the path as written in the config
     * @return the resolved path
     */
    default Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : homeDirectory().resolve(p).normalize();
    }
}
