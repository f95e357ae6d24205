package org.sbi4j.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.testing.PluginJars;

class TestPluginDiscovery {
    @TempDir
    Path dir;

    private static String plugin(String pkg, String simulatorName) {
        return "package " + pkg + ";\n"
                + "import java.util.List;\n"
                + "import org.apache.commons.rng.UniformRandomProvider;\n"
                + "import org.sbi4j.api.*;\nimport org.sbi4j.spi.*;\n"
                + "public final class P implements Plugin {\n"
                + "  public List<SimulatorFactory<?>> simulatorFactories() { return List.of(new F()); }\n"
                + "  public static final class F implements SimulatorFactory<NoSettings> {\n"
                + "    public String name() { return \"" + simulatorName + "\"; }\n"
                + "    public String description() { return \"constant\"; }\n"
                + "    public Class<NoSettings> settingsType() { return NoSettings.class; }\n"
                + "    public Simulator create(NoSettings s, PluginContext c) { return new Simulator() {\n"
                + "      public List<String> parameterNames() { return List.of(\"t\"); }\n"
                + "      public List<String> dataNames() { return List.of(\"x\"); }\n"
                + "      public SimulationResult simulate(double[][] t, UniformRandomProvider r) {\n"
                + "        double[][] x = new double[t.length][1];\n"
                + "        for (int i = 0; i < t.length; i++) x[i][0] = t[i][0] + r.nextDouble();\n"
                + "        return SimulationResult.of(x); } }; }\n"
                + "  }\n}\n";
    }

    private Path jar(String name, String pkg, String simulator) throws IOException {
        Path src = dir.resolve("src-" + name);
        return PluginJars.build(List.of(PluginJars.source(src, pkg + ".P", plugin(pkg, simulator))), pkg + ".P",
                dir.resolve("plugins").resolve(name).resolve(name + ".jar"));
    }

    @Test
    void findsAPluginJarInItsOwnIsolatedClassLoader() throws IOException {
        jar("const", "com.acme.one", "acme-constant");
        Sbi4j sbi = Sbi4j.builder().pluginDirectory(dir.resolve("plugins")).build();
        PluginComponent c = sbi.plugins().simulator("acme-constant").component();
        assertThat(c.plugin().source()).isEqualTo("const.jar");
        ClassLoader loader = c.plugin().plugin().getClass().getClassLoader();
        assertThat(loader.getName()).isEqualTo("plugin:const");
        assertThat(loader).isNotSameAs(Sbi4j.class.getClassLoader());
        // the plugin sees the SPI of the host ...
        assertThat(c.factory()).isInstanceOf(org.sbi4j.spi.SimulatorFactory.class);
        // ... and nothing else of the host's class path
        assertThatThrownBy(() -> loader.loadClass("com.google.inject.Guice")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loader.loadClass(Sbi4j.class.getName())).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void duplicateNamesNameBothSources() throws IOException {
        jar("a", "com.acme.a", "same-name");
        jar("b", "com.acme.b", "same-name");
        assertThatThrownBy(() -> Sbi4j.builder().pluginDirectory(dir.resolve("plugins")).build())
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("simulator 'same-name' is provided twice")
                .hasMessageContaining("(a.jar)").hasMessageContaining("(b.jar)");
    }

    @Test
    void aJarWithoutServicesFileIsNamed() throws IOException {
        Path src = dir.resolve("src");
        PluginJars.build(List.of(PluginJars.source(src, "com.acme.x.P", plugin("com.acme.x", "x"))), null,
                dir.resolve("plugins/broken.jar"));
        assertThatThrownBy(() -> Sbi4j.builder().pluginDirectory(dir.resolve("plugins")).build())
                .hasMessageContaining("broken.jar declares no plugin")
                .hasMessageContaining("META-INF/services/org.sbi4j.spi.Plugin");
    }

    private SbiException discoveryError() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> Sbi4j.builder().pluginDirectory(dir.resolve("plugins")).build());
        assertThat(thrown).isInstanceOf(SbiException.class);
        assertThat(((SbiException) thrown).type()).isEqualTo(org.sbi4j.api.ErrorType.USER_ERROR);
        return (SbiException) thrown;
    }

    @Test
    void aRandomBytesJarIsUnreadableNotPluginless() throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        byte[] noise = new byte[2048];
        new java.util.Random(7).nextBytes(noise);
        Path jar = Files.write(dir.resolve("plugins/noise.jar"), noise);
        assertThat(discoveryError().getMessage())
                .contains("plugin jar " + jar + " is unreadable: it is not a jar (zip) file (")
                .contains("Replace it with the plugin's jar, or remove it from the plugin directory")
                .doesNotContain("declares no plugin");
        assertThat(Files.readAllBytes(jar)).isEqualTo(noise);
    }

    /** A jar holding the working plugin P and a class C, whose services file names {@code named}. */
    private Path jarNaming(String named, String extraClass) throws IOException {
        Path src = dir.resolve("src");
        List<Path> sources = new java.util.ArrayList<>(List.of(PluginJars.source(src, "com.acme.x.P", plugin("com.acme.x", "x"))));
        if (extraClass != null) {
            sources.add(PluginJars.source(src, "com.acme.x.C", extraClass));
        }
        return PluginJars.build(sources, named, dir.resolve("plugins/acme.jar"));
    }

    @Test
    void aServicesFileNamingAMissingClassNamesTheJarAndTheClass() throws IOException {
        Path jar = jarNaming("com.acme.x.Missing", null);
        assertThat(discoveryError().getMessage()).contains("plugin jar " + jar + " lists class com.acme.x.Missing in "
                + "META-INF/services/org.sbi4j.spi.Plugin, but the jar holds no such class")
                .contains("Correct the class name");
    }

    @Test
    void aPluginWithoutAPublicNoArgConstructorNamesTheJarAndTheClass() throws IOException {
        Path jar = jarNaming("com.acme.x.C", "package com.acme.x;\npublic final class C implements org.sbi4j.spi.Plugin {\n"
                + "  public C(String needed) { }\n}\n");
        assertThat(discoveryError().getMessage()).contains("plugin jar " + jar + " lists class com.acme.x.C")
                .contains("it has no public no-argument constructor");
    }

    @Test
    void aPluginWhoseConstructorThrowsNamesTheJarTheClassAndTheError() throws IOException {
        Path jar = jarNaming("com.acme.x.C", "package com.acme.x;\npublic final class C implements org.sbi4j.spi.Plugin {\n"
                + "  public C() { throw new IllegalStateException(\"licence file missing\"); }\n}\n");
        assertThat(discoveryError().getMessage()).contains("plugin jar " + jar + " lists class com.acme.x.C")
                .contains("its constructor threw java.lang.IllegalStateException: licence file missing")
                .contains("Fix the plugin, or remove the jar");
    }

    @Test
    void aServicesFileNamingANonPluginClassNamesIt() throws IOException {
        Path jar = jarNaming("com.acme.x.C", "package com.acme.x;\npublic final class C { }\n");
        assertThat(discoveryError().getMessage()).contains("plugin jar " + jar + " lists class com.acme.x.C")
                .contains("it does not implement org.sbi4j.spi.Plugin");
    }

    @Test
    void missingPluginDirectoryIsAUserError() {
        assertThatThrownBy(() -> Sbi4j.builder().pluginDirectory(dir.resolve("nowhere")).build())
                .hasMessageContaining("plugin directory").hasMessageContaining("does not exist");
    }

    @Test
    void spiPackagesAreSharedOthersAreNot() {
        assertThat(SpiClassLoader.isShared("org.sbi4j.api.Simulator")).isTrue();
        assertThat(SpiClassLoader.isShared("org.sbi4j.spi.Plugin")).isTrue();
        assertThat(SpiClassLoader.isShared("org.apache.commons.rng.UniformRandomProvider")).isTrue();
        assertThat(SpiClassLoader.isShared("org.apache.commons.rng.sampling.PermutationSampler")).isFalse();
        assertThat(SpiClassLoader.isShared("org.sbi4j.runtime.Sbi4j")).isFalse();
    }
}
