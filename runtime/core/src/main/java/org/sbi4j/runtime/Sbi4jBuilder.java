package org.sbi4j.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.simulate.ProgressReporter;

/** Builds an {@link Sbi4j} on a fresh injector of {@link RuntimeModule} and any overriding modules. */
public final class Sbi4jBuilder {
    private Path home;
    private Path pluginDirectory;
    private ProgressReporter progress;
    private int threads;
    private ClassLoader classLoader = Sbi4j.class.getClassLoader();
    private final List<Module> overrides = new ArrayList<>();

    Sbi4jBuilder() {
    }

    /**
     * @param home the sbi4j home (plugins resolve data paths against it)
     * @return this
     */
    public Sbi4jBuilder homeDirectory(Path home) {
        this.home = home;
        return this;
    }

    /**
     * @param directory a folder of plugin jars / plugin folders, each loaded in isolation
     * @return this
     */
    public Sbi4jBuilder pluginDirectory(Path directory) {
        this.pluginDirectory = directory;
        return this;
    }

    /**
     * @param reporter where progress goes (default: nowhere)
     * @return this
     */
    public Sbi4jBuilder progress(ProgressReporter reporter) {
        this.progress = reporter;
        return this;
    }

    /**
     * @param count threads for simulation and fitting, overriding the config; 0 keeps the config's
     * @return this
     */
    public Sbi4jBuilder threads(int count) {
        if (count < 0) {
            throw SbiException.userError("threads must be 0 (use the config's) or positive, got " + count);
        }
        this.threads = count;
        return this;
    }

    /**
     * @param loader where class-path plugins are looked for (default: sbi4j's own class loader)
     * @return this
     */
    public Sbi4jBuilder classLoader(ClassLoader loader) {
        this.classLoader = loader;
        return this;
    }

    /**
     * @param modules Guice modules whose bindings replace the runtime's ({@link RuntimeModule} lists them)
     * @return this
     */
    public Sbi4jBuilder override(Module... modules) {
        overrides.addAll(List.of(modules));
        return this;
    }

    /** Discovers plugins and wires the runtime. */
    public Sbi4j build() {
        Path resolvedHome = (home != null ? home
                : Path.of(System.getProperty("sbi4j.home", System.getProperty("user.dir")))).toAbsolutePath();
        List<Module> replacing = new ArrayList<>();
        if (progress != null) {
            ProgressReporter reporter = progress;
            replacing.add(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(ProgressReporter.class).toInstance(reporter);
                }
            });
        }
        replacing.addAll(overrides);
        Module module = Modules.override(new RuntimeModule(
                new RuntimeOptions(resolvedHome, pluginDirectory, threads), classLoader)).with(replacing);
        try {
            return Guice.createInjector(Stage.PRODUCTION, module).getInstance(Sbi4j.class);
        } catch (ProvisionException e) {
            throw unwrap(e, e.getErrorMessages());
        } catch (CreationException e) {
            throw unwrap(e, e.getErrorMessages());
        }
    }

    private static RuntimeException unwrap(RuntimeException e, Collection<Message> messages) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SbiException s) {
                return s;
            }
        }
        for (Message message : messages) {
            if (message.getCause() instanceof SbiException s) {
                return s;
            }
        }
        return e;
    }
}
