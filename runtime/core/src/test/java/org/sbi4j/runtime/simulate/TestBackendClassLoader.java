package org.sbi4j.runtime.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend folder's class loader finds a class in the jar a plain {@link URLClassLoader} search in the same order
 * finds it in (the first jar holding it, also when its package is split over several jars), defines it itself
 * (child-first), leaves the shared packages to the application, and finds resources.
 */
class TestBackendClassLoader {
    private static final String ONE = UniformRandomProvider.class.getName();
    private static final String TWO = RestorableUniformRandomProvider.class.getName();

    @TempDir
    Path dir;

    @Test
    void aClassComesFromTheFirstJarHoldingItAsAPlainSearchFindsIt() throws Exception {
        // b.jar and c.jar both hold ONE; TWO, of the same package, is only in c.jar; a.jar holds another package
        Path a = jar("a.jar", Map.of("org/example/readme.txt", "a".getBytes(StandardCharsets.UTF_8)));
        Path b = jar("b.jar", Map.of(path(ONE), bytes(ONE)));
        Path c = jar("c.jar", Map.of(path(ONE), bytes(ONE), path(TWO), bytes(TWO),
                "org/example/notes.txt", "c".getBytes(StandardCharsets.UTF_8)));
        List<Path> jars = List.of(a, b, c);
        try (BackendClassLoader loader = new BackendClassLoader("test", jars, getClass().getClassLoader());
             URLClassLoader plain = new URLClassLoader(new URL[] {a.toUri().toURL(), b.toUri().toURL(),
                     c.toUri().toURL()}, getClass().getClassLoader().getParent())) {
            for (String name : List.of(ONE, TWO)) {
                Class<?> type = loader.loadClass(name);
                assertThat(type.getClassLoader()).as(name + " is the backend's own").isSameAs(loader);
                assertThat(type).isNotSameAs(getClass().getClassLoader().loadClass(name));
                assertThat(type.getProtectionDomain().getCodeSource().getLocation())
                        .isEqualTo(plain.loadClass(name).getProtectionDomain().getCodeSource().getLocation());
                assertThat(type.getPackage()).isNotNull();
            }
            assertThat(loader.loadClass(ONE).getProtectionDomain().getCodeSource().getLocation())
                    .isEqualTo(b.toUri().toURL());
            assertThat(loader.loadClass(TWO).getProtectionDomain().getCodeSource().getLocation())
                    .isEqualTo(c.toUri().toURL());

            assertThat(loader.loadClass(SimulationBackend.class.getName())).as("shared with the runtime")
                    .isSameAs(SimulationBackend.class);
            assertThat(loader.loadClass(Test.class.getName())).as("not in the folder: the application's")
                    .isSameAs(Test.class);
            assertThatThrownBy(() -> loader.loadClass("org.apache.commons.rng.Nowhere"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(loader.getResource("org/example/notes.txt")).isNotNull();
            try (InputStream in = loader.getResourceAsStream("org/example/readme.txt")) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("a");
            }
        }
    }

    private static String path(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static byte[] bytes(String className) throws IOException {
        try (InputStream in = TestBackendClassLoader.class.getClassLoader().getResourceAsStream(path(className))) {
            return in.readAllBytes();
        }
    }

    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }
}
