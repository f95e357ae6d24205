package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.config.Suggestions;
import org.sbi4j.spi.Settings;

/**
 * Picks the {@link SimulationBackend} a config names ({@code simulation.backend.type}). {@code local} is the
 * runtime's bound backend (a host's override included); any other name is a {@link SimulationBackendFactory} found
 * with {@link ServiceLoader} on the class path, or else in the folder {@code lib-<name>} of the backend folder
 * (system property {@value #BACKEND_DIR}; the launcher sets it to {@code distribution/target}), loaded there by a
 * class loader of its own so that the default class path never holds a backend's libraries. That loader looks in the
 * folder first (a backend brings its own versions of libraries the application also has, e.g. Commons Lang), except
 * for the classes the backend shares with the runtime: sbi4j's, slf4j's (the application's logging) and Jackson's.
 */
public final class SimulationBackends {
    /** The system property naming the folder that holds {@code lib-<backend>} folders. */
    public static final String BACKEND_DIR = "sbi4j.backend-dir";

    private final SimulationBackend local;

    /**
     * @param local the runtime's bound backend
     */
    @Inject
    public SimulationBackends(SimulationBackend local) {
        this.local = requireNonNull(local, "local is null");
    }

    /**
     * Makes the backend of a config for one job; close it at the end of the job.
     *
     * @param spec {@code type:} and the backend's settings
     * @return the backend
     * @throws SbiException a user error naming the known backends, or what to build, when the name is unknown
     */
    public SimulationBackend open(ComponentSpec spec) {
        if (spec == null || LocalSimulationBackend.NAME.equals(spec.type())) {
            if (spec != null && !spec.settings().isEmpty()) {
                throw SbiException.userError("simulation.backend {type: local} takes no settings, but the config "
                        + "gives " + spec.settings().keySet() + " (threads are simulation.threads)");
            }
            return new SimulationBackend() {
                @Override
                public void run(BatchPlan plan, int[] batches, Sink sink, Progress progress) {
                    local.run(plan, batches, sink, progress);
                }
            };
        }
        SimulationBackendFactory<?> factory = find(spec.type());
        return create(factory, spec);
    }

    private <S extends Settings> SimulationBackend create(SimulationBackendFactory<S> factory, ComponentSpec spec) {
        S settings = SettingsBinder.bind(Json.mapper().valueToTree(spec.settings()), factory.settingsType(),
                "simulation.backend '" + spec.type() + "'");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(factory.getClass().getClassLoader());
        try {
            return factory.create(settings, local);
        } catch (IllegalArgumentException e) {
            throw SbiException.userError("simulation.backend '" + spec.type() + "': " + e.getMessage());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static SimulationBackendFactory<?> find(String name) {
        Map<String, SimulationBackendFactory<?>> known = new TreeMap<>();
        collect(ServiceLoader.load(SimulationBackendFactory.class, SimulationBackends.class.getClassLoader()), known);
        if (known.containsKey(name)) {
            return known.get(name);
        }
        Path folder = folder(name);
        if (folder != null && Files.isDirectory(folder)) {
            collect(ServiceLoader.load(SimulationBackendFactory.class, loader(folder)), known);
            if (known.containsKey(name)) {
                return known.get(name);
            }
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>(known.keySet());
        names.add(LocalSimulationBackend.NAME);
        names.addAll(installable());
        if (!names.contains(name)) {
            throw SbiException.userError("unknown simulation.backend '" + name + "' (backends: "
                    + String.join(", ", names) + ")." + Suggestions.closest(name, names)
                    .map(s -> " Did you mean '" + s + "'?").orElse(""));
        }
        throw SbiException.userError("simulation.backend '" + name + "' is not installed (backends: "
                + String.join(", ", names) + "). " + (folder == null
                ? "Put its module (e.g. sbi4j-backend-" + name + ") and its libraries on the class path."
                : "Its jars belong in " + folder + "; build them with 'mvn -pl distribution -am package -DskipTests'"
                + " (or put the module sbi4j-backend-" + name + " on the class path)."));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void collect(ServiceLoader<SimulationBackendFactory> loader,
                                Map<String, SimulationBackendFactory<?>> known) {
        for (SimulationBackendFactory<?> factory : loader) {
            known.putIfAbsent(factory.name(), factory);
        }
    }

    /** The names of the backends whose {@code lib-<name>} folders the backend folder holds. */
    private static List<String> installable() {
        String dir = System.getProperty(BACKEND_DIR);
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(Path.of(dir))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lib-"))
                    .map(n -> n.substring(4)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path folder(String name) {
        String dir = System.getProperty(BACKEND_DIR);
        return dir == null || !name.matches("[a-z0-9-]+") ? null : Path.of(dir).resolve("lib-" + name);
    }

    private static ClassLoader loader(Path folder) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw SbiException.userError("cannot list the backend folder " + folder + ": " + e.getMessage());
        }
        try {
            return new BackendClassLoader(folder.getFileName().toString(), jars,
                    SimulationBackends.class.getClassLoader());
        } catch (java.io.UncheckedIOException e) {
            throw SbiException.userError(e.getMessage() + " (rebuild the folder with 'mvn -pl distribution -am "
                    + "package -DskipTests')");
        }
    }
}
