package org.sbi4j.testing;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;

/**
 * What a model file holds, kept in memory: a {@link ModelWriter} to save a posterior into and the
 * {@link ModelReader} to load it back from. Float arrays stay float32 (as in a {@code .npy} file) and read back
 * widened; double arrays read as float32 are narrowed. Writing a name twice is an error, as in a model file, and
 * a missing name is an {@link IOException} that names it.
 */
public final class InMemoryModel implements ModelWriter, ModelReader {
    private final Map<String, double[]> arrays = new HashMap<>();
    private final Map<String, float[]> floatArrays = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    @Override
    public void putArray(String name, double[] data, int... shape) {
        checkShape(name, data.length, shape);
        arrays.put(name, data.clone());
    }

    @Override
    public void putFloatArray(String name, float[] data, int... shape) {
        checkShape(name, data.length, shape);
        floatArrays.put(name, data.clone());
    }

    private void checkShape(String name, int length, int[] shape) {
        long product = 1;
        for (int s : shape) {
            product *= s;
        }
        if (product != length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not match "
                    + length + " values");
        }
        if (shapes.put(name, shape.clone()) != null) {
            throw new IllegalArgumentException("array " + name + " written twice");
        }
    }

    @Override
    public void putProperty(String name, String value) {
        if (properties.put(name, value) != null) {
            throw new IllegalArgumentException("property " + name + " written twice");
        }
    }

    @Override
    public double[] array(String name) throws IOException {
        float[] f = floatArrays.get(name);
        if (f == null) {
            return entry(arrays, name).clone();
        }
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    @Override
    public float[] floatArray(String name) throws IOException {
        double[] d = arrays.get(name);
        if (d == null) {
            return entry(floatArrays, name).clone();
        }
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    @Override
    public int[] shape(String name) throws IOException {
        return entry(shapes, name).clone();
    }

    @Override
    public String property(String name) throws IOException {
        return entry(properties, name);
    }

    /** The names of the stored properties, sorted. */
    public Set<String> propertyNames() {
        return new TreeSet<>(properties.keySet());
    }

    /** The names of the stored arrays (float64 and float32), sorted. */
    public Set<String> arrayNames() {
        return new TreeSet<>(shapes.keySet());
    }

    /**
     * Replaces a stored property, to test how loading reacts to a bad model.
     *
     * @param name the property
     * @param value its new value
     */
    public void overwriteProperty(String name, String value) {
        properties.put(name, value);
    }

    /**
     * Replaces the values of a stored float32 array and keeps its shape, to test how loading reacts to a bad model.
     *
     * @param name the array
     * @param data its new values (copied)
     */
    public void overwriteFloatArray(String name, float[] data) {
        if (!shapes.containsKey(name)) {
            throw new IllegalArgumentException("no array " + name);
        }
        arrays.remove(name);
        floatArrays.put(name, data.clone());
    }

    /**
     * The stored float32 array as written, for comparing two models' weights bit for bit.
     *
     * @param name the array
     * @return a copy of its values
     * @throws IOException when there is no float32 array of that name
     */
    public float[] storedFloats(String name) throws IOException {
        return entry(floatArrays, name).clone();
    }

    private static <T> T entry(Map<String, T> map, String name) throws IOException {
        T value = map.get(name);
        if (value == null) {
            throw new IOException("in-memory model has no entry " + name);
        }
        return value;
    }
}
