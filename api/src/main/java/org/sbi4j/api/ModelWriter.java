package org.sbi4j.api;

import java.io.IOException;

/**
 * Where a {@link Posterior} writes its state when saved: named numeric arrays (stored as {@code .npy})
 * and named string properties (stored in the manifest). Names are lowercase words joined by {@code -} or
 * {@code /}, unique within one model.
 */
public interface ModelWriter {

    /**
     * Writes a float64 array of the given shape (row-major).
     *
     * @param name array name
     * @param data values in row-major order
     * @param shape dimensions; their product equals {@code data.length}
     * @throws IOException when writing fails
     */
    void putArray(String name, double[] data, int... shape) throws IOException;

    /**
     * Writes a float32 array of the given shape (row-major), for network weights.
     *
     * @param name array name
     * @param data values in row-major order
     * @param shape dimensions; their product equals {@code data.length}
     * @throws IOException when writing fails
     */
    void putFloatArray(String name, float[] data, int... shape) throws IOException;

    /**
     * Writes a matrix as a 2-D float64 array.
     *
     * @param name array name
     * @param rows the rows, all of one length
     * @throws IOException when writing fails
     */
    default void putMatrix(String name, double[][] rows) throws IOException {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("ragged matrix " + name + ": row " + i + " has "
                        + rows[i].length + " columns, row 0 has " + columns);
            }
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        putArray(name, flat, rows.length, columns);
    }

    /**
     * Writes a string property.
     *
     * @param name property name
     * @param value property value
     */
    void putProperty(String name, String value);
}
