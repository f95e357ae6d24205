package org.sbi4j.runtime.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.sbi4j.api.SbiException;
import org.sbi4j.spi.Plugin;

/**
 * Says precisely why a jar of the plugin directory cannot be loaded: the file is not a readable jar, or a class
 * its services file names is missing, is no {@link Plugin}, has no public no-argument constructor, or throws in
 * it. Each message names the jar, the class and the fix.
 */
final class PluginJarDiagnosis {
    /** The services file that lists a jar's plugins. */
    static final String SERVICES = "META-INF/services/" + Plugin.class.getName();

    private PluginJarDiagnosis() {
    }

    /**
     * Refuses a file that is not a readable jar.
     *
     * @param jar the file
     * @throws SbiException a user error naming the file and the reason the system gave
     */
    static void requireReadableJar(Path jar) {
        try (ZipFile ignored = new ZipFile(jar.toFile())) {
            // opened: it is a zip archive
        } catch (ZipException e) {
            throw SbiException.userError("plugin jar " + jar + " is unreadable: it is not a jar (zip) file ("
                    + e.getMessage() + "). Replace it with the plugin's jar, or remove it from the plugin directory.");
        } catch (IOException e) {
            throw SbiException.userError("plugin jar " + jar + " is unreadable: " + e.getMessage()
                    + ". Check that the file can be read, or remove it from the plugin directory.");
        }
    }

    /**
     * Finds the first plugin class named in the loader's own services files that cannot be created.
     *
     * @param loader the class loader of one plugin jar or folder
     * @return a user error naming the jar, the class and the fix, or empty when every class can be created
     */
    static Optional<SbiException> firstBrokenPlugin(URLClassLoader loader) {
        List<URL> files;
        try {
            files = Collections.list(loader.findResources(SERVICES));
        } catch (IOException e) {
            return Optional.empty();
        }
        for (URL file : files) {
            String jar = jarOf(file);
            for (String className : classNames(file)) {
                Optional<String> problem = problem(className, loader);
                if (problem.isPresent()) {
                    return Optional.of(SbiException.userError("plugin jar " + jar + " lists class " + className
                            + " in " + SERVICES + ", but " + problem.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            return Optional.of("the jar holds no such class. Correct the class name in that file, or rebuild the jar.");
        } catch (LinkageError e) {
            return Optional.of("the class cannot be loaded (" + e + "). Check that the plugin's folder holds all its "
                    + "dependencies and that it was built against this sbi4j API.");
        }
        if (!Plugin.class.isAssignableFrom(type)) {
            return Optional.of("it does not implement " + Plugin.class.getName() + ". Name the plugin class in that "
                    + "file, or rebuild the jar against this sbi4j API.");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return Optional.of("the class is not public. Make it public so that it can be created.");
        }
        try {
            type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            return Optional.of("it has no public no-argument constructor, which is how plugins are created. "
                    + "Add one, or name the right class in that file.");
        } catch (InvocationTargetException e) {
            return Optional.of("its constructor threw " + e.getCause() + ". Fix the plugin, or remove the jar from "
                    + "the plugin directory.");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.of("it cannot be created (" + e + "). Fix the plugin, or remove the jar from the plugin "
                    + "directory.");
        }
        return Optional.empty();
    }

    /** The class names of a services file: one a line, {@code #} starts a comment. */
    private static List<String> classNames(URL file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            return in.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String jarOf(URL servicesFile) {
        try {
            if (servicesFile.openConnection() instanceof JarURLConnection jar) {
                return Path.of(jar.getJarFileURL().toURI()).toString();
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // fall through: name the resource itself
        }
        return servicesFile.toString();
    }
}
