package org.sbi4j.runtime.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.simulate.SimulationEngine;

/** Stores filled through the facade, and their files, for comparing stores byte for byte. */
final class StoreFiles {
    private StoreFiles() {
    }

    /** The runtime, with the repository as its home (as the launcher has it). */
    static Sbi4j runtime() {
        return Sbi4j.builder().homeDirectory(Path.of("../..").toAbsolutePath().normalize()).threads(2).build();
    }

    /**
     * Fills a store with {@code budget} sbibm Lotka–Volterra simulations.
     *
     * @param sbi the runtime
     * @param store the folder
     * @param budget simulations
     * @param backend the {@code simulation.backend} section as YAML flow text
     * @return the report
     */
    static SimulationEngine.StoreReport fill(Sbi4j sbi, Path store, int budget, String backend) throws IOException {
        Path config = Files.createTempFile("sbi4j-spark-", ".yaml");
        Files.writeString(config, "seed: 42\nsimulator: {type: lotka-volterra}\nestimator: {type: npe}\n"
                + "simulation: {budget: " + budget + ", batch-size: 250, store: '" + store + "', backend: " + backend
                + "}\n");
        try {
            RunConfig loaded = sbi.config(config, java.util.List.of());
            return sbi.simulate(loaded);
        } finally {
            Files.delete(config);
        }
    }

    /** Every file of a folder: relative path → bytes (as text in ISO-8859-1, so that equality is byte equality). */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(),
                        new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}
