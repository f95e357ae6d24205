package org.sbi4j.runtime.store;

import java.io.IOException;
import java.nio.file.Path;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.ModelStore;

/** The default {@link ModelStore}: one {@link ModelArchive} zip per model, written atomically. */
public final class ZipModelStore implements ModelStore {

    @Override
    public void save(Posterior posterior, Manifest manifest, Path file) {
        ModelArchive.Writer writer = new ModelArchive.Writer();
        try {
            posterior.save(writer);
            writer.writeTo(file, manifest.withProperties(writer.properties()));
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Stored open(Path file) {
        ModelArchive.Reader reader = ModelArchive.Reader.open(file);
        return new Stored(reader.manifest(), reader);
    }
}
