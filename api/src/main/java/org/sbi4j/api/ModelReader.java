package org.sbi4j.api;

import java.io.IOException;

/**
 * Reads back what a {@link Posterior} wrote through {@link ModelWriter}. A missing name is an error that
 * names the model file and the entry, never a {@code null}.
 */
public interface ModelReader {

    /**
     * Reads a numeric array as float64, whatever its stored precision.
     *
     * @param name array name
     * @return values in row-major order
     * @throws IOException when the entry is missing or unreadable
     */
    double[] array(String name) throws IOException;

    /**
     * Reads a numeric array as float32.
     *
     * @param name array name
     * @return values in row-major order
     * @throws IOException when the entry is missing or unreadable
     */
    float[] floatArray(String name) throws IOException;

    /**
     * The shape of a stored array.
     *
     * @param name array name
     * @return its dimensions
     * @throws IOException when the entry is missing or unreadable
     */
    int[] shape(String name) throws IOException;

    /**
     * Reads a 2-D array as rows.
     *
     * @param name array name
     * @return the rows
     * @throws IOException when the entry is missing, unreadable or not 2-D
     */
    default double[][] matrix(String name) throws IOException {
        int[] shape = shape(name);
        if (shape.length != 2) {
            throw new IOException("array " + name + " has " + shape.length + " dimensions, expected 2");
        }
        double[] flat = array(name);
        double[][] rows = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            System.arraycopy(flat, i * shape[1], rows[i], 0, shape[1]);
        }
        return rows;
    }

    /**
     * Reads a string property.
     *
     * @param name property name
     * @return its value
     * @throws IOException when the property is missing
     */
    String property(String name) throws IOException;
}
