package org.sbi4j.runtime.store;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.io.AtomicWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model file: a zip holding {@code manifest.json} and one {@code arrays/<name>.npy} per array. No Java
 * serialization anywhere; any NumPy can read the arrays.
 */
public final class ModelArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ModelArchive.class);
    /** Version of the file layout; bump it when a reader of the old version could misread a new file. */
    public static final int FORMAT_VERSION = 1;

    private static final String MANIFEST = "manifest.json";
    private static final String ARRAYS = "arrays/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_./-]*");
    /** A fixed entry time, so the same model gives the same bytes. */
    private static final long ENTRY_TIME = 946_684_800_000L;

    private ModelArchive() {
    }

    /** Collects what a posterior writes, then writes the zip. */
    public static final class Writer implements ModelWriter {
        private final Map<String, byte[]> arrays = new LinkedHashMap<>();
        private final Map<String, String> properties = new TreeMap<>();

        @Override
        public void putArray(String name, double[] data, int... shape) {
            arrays.put(checkNew(name), Npy.encode(data, shape));
        }

        @Override
        public void putFloatArray(String name, float[] data, int... shape) {
            arrays.put(checkNew(name), Npy.encode(data, shape));
        }

        @Override
        public void putProperty(String name, String value) {
            properties.put(checkName(name), requireNonNull(value, "value of property " + name + " is null"));
        }

        /** The properties written so far. */
        public Map<String, String> properties() {
            return Map.copyOf(properties);
        }

        /**
         * Writes the zip atomically: a crash never leaves a half-written model under {@code path}.
         *
         * @param path the model file
         * @param manifest the manifest; its {@code properties} should be {@link #properties()}
         * @throws IOException when the file cannot be written
         */
        public void writeTo(Path path, Manifest manifest) throws IOException {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            arrays.forEach((name, bytes) -> entries.put(entryName(name), bytes));
            Manifest checked = manifest.withSha256(EntryChecksums.of(entries, manifest.properties()));
            AtomicWrite.write(path, stream -> {
                ZipOutputStream zip = new ZipOutputStream(stream);
                put(zip, MANIFEST, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(checked));
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    put(zip, e.getKey(), e.getValue());
                }
                zip.finish();
            });
        }

        private String checkNew(String name) {
            checkName(name);
            if (arrays.containsKey(name)) {
                throw new IllegalArgumentException("array " + name + " written twice");
            }
            return name;
        }

        private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
            ZipEntry entry = new ZipEntry(name);
            entry.setTime(ENTRY_TIME);
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
        }
    }

    /** A model file read back into memory. */
    public static final class Reader implements ModelReader {
        private final Path path;
        private final Manifest manifest;
        private final Map<String, Npy.Array> arrays;

        private Reader(Path path, Manifest manifest, Map<String, Npy.Array> arrays) {
            this.path = path;
            this.manifest = manifest;
            this.arrays = arrays;
        }

        /**
         * Opens a model file.
         *
         * @param path the model zip
         * @return the reader
         * @throws SbiException a user error when the file is missing, not a zip, has no valid manifest, was
         *     modified after it was written (its checksums differ), or holds an unreadable or NaN array
         */
        public static Reader open(Path path) {
            Map<String, byte[]> entries = new HashMap<>();
            byte[] manifestBytes = null;
            try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    byte[] bytes = readAll(zip);
                    if (entry.getName().equals(MANIFEST)) {
                        manifestBytes = bytes;
                    } else if (entry.getName().startsWith(ARRAYS) && entry.getName().endsWith(".npy")) {
                        entries.put(entry.getName(), bytes);
                    }
                }
            } catch (NoSuchFileException e) {
                throw SbiException.userError("model file " + path + " does not exist; check the path, or train "
                        + "a model first with 'sbi4j train --config FILE --out " + path + "'");
            } catch (ZipException | java.io.EOFException e) {
                throw corrupt(path, "it is not a readable zip archive (" + e.getMessage() + ")");
            } catch (IOException e) {
                throw SbiException.userError("cannot read model file " + path + ": " + e.getMessage());
            }
            if (manifestBytes == null) {
                throw corrupt(path, "it holds no manifest.json");
            }
            Manifest manifest;
            try {
                manifest = Json.mapper().readValue(manifestBytes, Manifest.class);
            } catch (IOException e) {
                throw corrupt(path, "its manifest.json is malformed (" + firstLine(e.getMessage()) + ")");
            }
            if (manifest.formatVersion() > FORMAT_VERSION || manifest.formatVersion() < 1) {
                throw SbiException.userError("model file " + path + " has format version " + manifest.formatVersion()
                        + " but this sbi4j reads versions 1 to " + FORMAT_VERSION
                        + "; load it with the sbi4j version that wrote it (" + manifest.sbi4jVersion() + ")");
            }
            if (manifest.estimator() == null || manifest.simulator() == null || manifest.config() == null) {
                throw corrupt(path, "its manifest.json lacks the estimator, simulator or config section");
            }
            if (manifest.sha256() == null) {
                LOG.debug("model file {} records no checksums (written before sbi4j recorded them); its arrays are "
                        + "not verified", path);
            } else {
                EntryChecksums.verify(path, manifest.sha256(), entries, manifest.properties());
            }
            return new Reader(path, manifest, decodeAll(path, entries));
        }

        /** Decodes every array, refusing unreadable ones and NaN values (±∞ may be meant, NaN never is). */
        private static Map<String, Npy.Array> decodeAll(Path path, Map<String, byte[]> entries) {
            Map<String, Npy.Array> arrays = new TreeMap<>();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = e.getKey().substring(ARRAYS.length(), e.getKey().length() - ".npy".length());
                Npy.Array array;
                try {
                    array = Npy.decode(e.getValue());
                } catch (IOException ex) {
                    throw corrupt(path, "its array '" + name + "' is unreadable (" + ex.getMessage() + ")");
                }
                long nan = Arrays.stream(array.values()).filter(Double::isNaN).count();
                if (nan > 0) {
                    throw SbiException.userError("model file " + path + " is unusable: its array '" + name
                            + "' holds " + nan + " NaN value" + (nan == 1 ? "" : "s") + " (of " + array.values().length
                            + "); a model with NaN values cannot answer (the fit that saved it failed, or the file was "
                            + "altered). Re-train the model with 'sbi4j train' (or 'sbi4j run').");
                }
                arrays.put(name, array);
            }
            return arrays;
        }

        /** The manifest. */
        public Manifest manifest() {
            return manifest;
        }

        @Override
        public double[] array(String name) throws IOException {
            return decode(name).values();
        }

        @Override
        public float[] floatArray(String name) throws IOException {
            return decode(name).floatValues();
        }

        @Override
        public int[] shape(String name) throws IOException {
            return decode(name).shape().clone();
        }

        @Override
        public String property(String name) throws IOException {
            String value = manifest.properties() == null ? null : manifest.properties().get(name);
            if (value == null) {
                throw new IOException("model file " + path + " has no property '" + name + "'");
            }
            return value;
        }

        private Npy.Array decode(String name) throws IOException {
            Npy.Array array = arrays.get(name);
            if (array == null) {
                throw new IOException("model file " + path + " has no array '" + name + "' (it has " + arrays.keySet()
                        + ")");
            }
            return array;
        }
    }

    private static SbiException corrupt(Path path, String why) {
        return SbiException.userError("model file " + path + " is not a valid sbi4j model: " + why
                + ". Re-create it with 'sbi4j train' or 'sbi4j run', or check that the path names a model zip.");
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static String entryName(String arrayName) {
        return ARRAYS + arrayName + ".npy";
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("invalid model entry name '" + name
                    + "': use lowercase letters, digits and - _ . /");
        }
        return name;
    }

}
