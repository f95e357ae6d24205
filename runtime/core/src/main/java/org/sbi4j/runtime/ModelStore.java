package org.sbi4j.runtime;

import java.nio.file.Path;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.runtime.store.Manifest;

/**
 * Where trained models are written and read. The default, {@link org.sbi4j.runtime.store.ModelArchive}, is a zip of
 * {@code manifest.json} and {@code .npy} arrays written atomically; a host may bind another (an object store).
 */
public interface ModelStore {

    /**
     * Saves a posterior with its provenance.
     *
     * @param posterior what to save
     * @param manifest its provenance; the store adds the posterior's properties
     * @param file where
     */
    void save(Posterior posterior, Manifest manifest, Path file);

    /**
     * Opens a saved model.
     *
     * @param file where
     * @return the manifest and the reader of its arrays
     */
    Stored open(Path file);

    /**
     * An opened model.
     *
     * @param manifest its provenance
     * @param reader its arrays and properties
     */
    record Stored(Manifest manifest, ModelReader reader) {
    }
}
