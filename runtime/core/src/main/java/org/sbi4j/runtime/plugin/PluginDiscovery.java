package org.sbi4j.runtime.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.sbi4j.api.SbiException;
import org.sbi4j.spi.Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins with {@link ServiceLoader}: on the host's class path, and in an optional plugin directory
 * where every sub-folder (holding a plugin jar and its dependencies) and every loose jar gets a class loader
 * of its own that sees only the SPI of the host.
 */
public final class PluginDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);

    private PluginDiscovery() {
    }

    /**
     * Discovers every plugin.
     *
     * @param hostLoader the class loader of the host (the class path)
     * @param pluginDirectory the plugin directory, or {@code null} for none
     * @return the plugins, class-path ones first, then the directory's in name order
     */
    public static List<LoadedPlugin> discover(ClassLoader hostLoader, Path pluginDirectory) {
        List<LoadedPlugin> plugins = new ArrayList<>();
        try {
            for (Plugin plugin : ServiceLoader.load(Plugin.class, hostLoader)) {
                plugins.add(new LoadedPlugin(plugin, sourceOf(plugin.getClass())));
            }
        } catch (ServiceConfigurationError e) {
            throw SbiException.userError("a plugin on the class path failed to load: " + e.getMessage()
                    + ". Remove or fix the jar that lists it in META-INF/services/org.sbi4j.spi.Plugin.");
        }
        if (pluginDirectory != null) {
            plugins.addAll(fromDirectory(hostLoader, pluginDirectory));
        }
        return plugins;
    }

    private static List<LoadedPlugin> fromDirectory(ClassLoader hostLoader, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw SbiException.userError("plugin directory " + directory + " does not exist or is not a folder; "
                    + "create it or point --plugin-dir to the folder that holds the plugin jars");
        }
        List<LoadedPlugin> plugins = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> s = Files.list(directory)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            throw SbiException.userError("cannot list plugin directory " + directory + ": " + e.getMessage());
        }
        SpiClassLoader spi = new SpiClassLoader(hostLoader);
        for (Path entry : entries) {
            List<Path> jars;
            if (Files.isDirectory(entry)) {
                try (Stream<Path> s = Files.list(entry)) {
                    jars = s.filter(PluginDiscovery::isJar).sorted().toList();
                } catch (IOException e) {
                    throw SbiException.userError("cannot list plugin folder " + entry + ": " + e.getMessage());
                }
                if (jars.isEmpty()) {
                    continue;
                }
            } else if (isJar(entry)) {
                jars = List.of(entry);
            } else {
                continue;
            }
            plugins.addAll(load(entry, jars, spi));
        }
        return plugins;
    }

    private static List<LoadedPlugin> load(Path entry, List<Path> jars, ClassLoader parent) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            PluginJarDiagnosis.requireReadableJar(jars.get(i));
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        URLClassLoader loader = new URLClassLoader("plugin:" + entry.getFileName(), urls, parent);
        List<LoadedPlugin> found = new ArrayList<>();
        try {
            for (Plugin plugin : ServiceLoader.load(Plugin.class, loader)) {
                found.add(new LoadedPlugin(plugin, sourceOf(plugin.getClass())));
                LOG.debug("loaded plugin {} from {}", plugin.getClass().getName(), entry);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            Optional<SbiException> precise = PluginJarDiagnosis.firstBrokenPlugin(loader);
            if (precise.isPresent()) {
                throw precise.get();
            }
            throw SbiException.userError("plugin " + entry + " failed to load: " + e.getMessage()
                    + ". Check that the folder holds the plugin jar with all its dependencies and that it was "
                    + "built against this sbi4j API.");
        }
        if (found.isEmpty()) {
            throw SbiException.userError("plugin " + entry + " declares no plugin: add a file "
                    + PluginJarDiagnosis.SERVICES + " naming the class that implements org.sbi4j.spi.Plugin");
        }
        return found;
    }

    private static boolean isJar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
    }

    /**
     * The jar (or folder) a class was loaded from.
     *
     * @param type the class
     * @return the jar's file name, the full path of a class folder, or {@code "unknown"}
     */
    public static String sourceOf(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "unknown";
        }
        try {
            Path path = Path.of(cs.getLocation().toURI());
            boolean jar = java.nio.file.Files.isRegularFile(path) && path.getFileName() != null;
            return jar ? path.getFileName().toString() : path.toString();
        } catch (Exception e) {
            return cs.getLocation().toString();
        }
    }
}
