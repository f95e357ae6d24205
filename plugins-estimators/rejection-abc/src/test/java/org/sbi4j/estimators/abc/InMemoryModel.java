package org.sbi4j.estimators.abc;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;

/** A saved model kept in memory: what a model file would hold, without the file. */
final class InMemoryModel implements ModelWriter, ModelReader {
    private final Map<String, double[]> arrays = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    @Override
    public void putArray(String name, double[] data, int... shape) {
        long product = 1;
        for (int s : shape) {
            product *= s;
        }
        if (product != data.length) {
            throw new IllegalArgumentException(name + ": shape does not match " + data.length + " values");
        }
        if (arrays.put(name, data.clone()) != null) {
            throw new IllegalArgumentException("array " + name + " written twice");
        }
        shapes.put(name, shape.clone());
    }

    @Override
    public void putFloatArray(String name, float[] data, int... shape) {
        double[] values = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = data[i];
        }
        putArray(name, values, shape);
    }

    @Override
    public void putProperty(String name, String value) {
        properties.put(name, value);
    }

    @Override
    public double[] array(String name) throws IOException {
        return entry(arrays, name).clone();
    }

    @Override
    public float[] floatArray(String name) throws IOException {
        double[] values = array(name);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
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

    /** Changes a stored property, to test how loading reacts. */
    void overwriteProperty(String name, String value) {
        properties.put(name, value);
    }

    private static <T> T entry(Map<String, T> map, String name) throws IOException {
        T value = map.get(name);
        if (value == null) {
            throw new IOException("in-memory model has no entry " + name);
        }
        return value;
    }
}
