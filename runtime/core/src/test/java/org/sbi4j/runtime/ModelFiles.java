package org.sbi4j.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.sbi4j.runtime.store.ModelArchive;
import org.sbi4j.runtime.store.Npy;

/** Test helper: copies a model zip with an edited manifest, edited entries, or arrays saved anew. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * Copies a model with its manifest edited as text, as a user with an editor would.
     *
     * @param in the model
     * @param out the copy
     * @param edit manifest text → new text
     * @return {@code out}
     * @throws IOException when reading or writing fails
     */
    public static Path rewriteManifest(Path in, Path out, UnaryOperator<String> edit) throws IOException {
        return rewriteEntries(in, out, (name, bytes) -> name.equals("manifest.json")
                ? edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : bytes);
    }

    /**
     * Copies a model with any of its zip entries edited as bytes.
     *
     * @param in the model
     * @param out the copy
     * @param edit (entry name, bytes) → new bytes, or {@code null} to leave the entry out
     * @return {@code out}
     * @throws IOException when reading or writing fails
     */
    public static Path rewriteEntries(Path in, Path out, BiFunction<String, byte[], byte[]> edit) throws IOException {
        try (InputStream is = Files.newInputStream(in); ZipInputStream zin = new ZipInputStream(is);
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                byte[] bytes = edit.apply(e.getName(), zin.readAllBytes());
                if (bytes == null) {
                    continue;
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        return out;
    }

    /**
     * Copies a model as a file written before sbi4j recorded checksums: the manifest without {@code sha256}.
     *
     * @param in the model
     * @param out the copy
     * @return {@code out}
     * @throws IOException when reading or writing fails
     */
    public static Path withoutChecksums(Path in, Path out) throws IOException {
        return rewriteManifest(in, out, text -> {
            try {
                ObjectNode manifest = (ObjectNode) Json.mapper().readTree(text);
                manifest.remove("sha256");
                return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Saves a model anew through the model writer with one array's values filled with a value, as an estimator
     * whose fit went wrong would save it (the checksums are those of the new content).
     *
     * @param in the model
     * @param out the copy
     * @param array the array's name
     * @param value the value of every element
     * @return {@code out}
     * @throws IOException when reading or writing fails
     */
    public static Path savedWithFilledArray(Path in, Path out, String array, double value) throws IOException {
        ModelArchive.Writer writer = new ModelArchive.Writer();
        try (InputStream is = Files.newInputStream(in); ZipInputStream zin = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                String name = e.getName();
                if (!name.startsWith("arrays/")) {
                    continue;
                }
                name = name.substring("arrays/".length(), name.length() - ".npy".length());
                Npy.Array decoded = Npy.decode(zin.readAllBytes());
                double[] values = decoded.values().clone();
                if (name.equals(array)) {
                    java.util.Arrays.fill(values, value);
                }
                if (decoded.float32()) {
                    float[] f = new float[values.length];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = (float) values[i];
                    }
                    writer.putFloatArray(name, f, decoded.shape());
                } else {
                    writer.putArray(name, values, decoded.shape());
                }
            }
        }
        writer.writeTo(out, ModelArchive.Reader.open(in).manifest());
        return out;
    }
}
