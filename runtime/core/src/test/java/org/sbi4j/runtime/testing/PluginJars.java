package org.sbi4j.runtime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.sbi4j.spi.Plugin;

/** Builds a plugin jar at test time: compiles sources against the API jar alone and adds a services file. */
public final class PluginJars {
    private PluginJars() {
    }

    /** Where the API classes (and the Commons RNG client API) come from on the test class path. */
    public static List<Path> apiClassPath() {
        return List.of(location(Plugin.class), location(org.apache.commons.rng.UniformRandomProvider.class));
    }

    /**
     * Compiles the sources and writes a jar with the given services file.
     *
     * @param sources Java source files
     * @param pluginClass fully qualified name of the Plugin implementation
     * @param jar where to write the jar
     * @return the jar
     * @throws IOException when compiling or writing fails
     */
    public static Path build(List<Path> sources, String pluginClass, Path jar) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-classpath",
                String.join(java.io.File.pathSeparator, apiClassPath().stream().map(Path::toString).toList())));
        sources.forEach(s -> args.add(s.toString()));
        StringWriter errors = new StringWriter();
        int code = compiler.run(null, null, new java.io.PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
        if (code != 0) {
            throw new IOException("compiling the plugin failed: " + errors);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            if (pluginClass != null) {
                out.putNextEntry(new JarEntry("META-INF/services/org.sbi4j.spi.Plugin"));
                out.write((pluginClass + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * Writes one Java source file.
     *
     * @param dir the source root
     * @param className fully qualified class name
     * @param code the source
     * @return the file
     * @throws IOException when writing fails
     */
    public static Path source(Path dir, String className, String code) throws IOException {
        Path file = dir.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, code);
        return file;
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
