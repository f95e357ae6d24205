package org.sbi4j.estimators.npe;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;

/** What a model file holds, kept in memory; float arrays stay float32 as in a {@code .npy} file. */
final class InMemoryModel implements ModelWriter, ModelReader {
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
            throw new IllegalArgumentException(name + ": shape does not match " + length + " values");
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
        if (floatArrays.containsKey(name)) {
            float[] f = floatArrays.get(name);
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        return entry(arrays, name).clone();
    }

    @Override
    public float[] floatArray(String name) throws IOException {
        if (arrays.containsKey(name)) {
            double[] d = arrays.get(name);
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        return entry(floatArrays, name).clone();
    }

    @Override
    public int[] shape(String name) throws IOException {
        return entry(shapes, name).clone();
    }

    @Override
    public String property(String name) throws IOException {
        return entry(properties, name);
    }

    /** Replaces a stored property, to test how loading reacts. */
    void overwriteProperty(String name, String value) {
        properties.put(name, value);
    }

    /** The stored float32 array (for comparing two models' weights). */
    float[] storedFloats(String name) {
        return floatArrays.get(name);
    }

    private static <T> T entry(Map<String, T> map, String name) throws IOException {
        T value = map.get(name);
        if (value == null) {
            throw new IOException("in-memory model has no entry " + name);
        }
        return value;
    }
}
