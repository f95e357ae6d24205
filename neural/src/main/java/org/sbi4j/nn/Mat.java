package org.sbi4j.nn;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A row-major matrix view {@code rows × cols} into a {@link Buffer} starting at {@code offset}. Workspaces
 * are allocated with a row capacity (the largest batch); operations take the number of active rows
 * explicitly, so a smaller batch never needs a new view or any allocation.
 */
public final class Mat {

    private final Buffer buffer;
    private final int offset;
    private final int rows;
    private final int cols;
    private Pointer pointer;
    private INDArray view;
    private int viewRows = -1;

    /**
     * A view.
     *
     * @param buffer storage
     * @param offset index of element (0, 0)
     * @param rows row capacity
     * @param cols number of columns
     */
    public Mat(Buffer buffer, int offset, int rows, int cols) {
        if (offset < 0 || rows < 0 || cols < 0 || (long) offset + (long) rows * cols > buffer.length()) {
            throw new IllegalArgumentException("view [" + offset + ", " + rows + "x" + cols
                    + "] does not fit a buffer of " + buffer.length());
        }
        this.buffer = buffer;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    /** A fresh zero matrix with its own buffer. */
    public static Mat zeros(Precision precision, int rows, int cols) {
        return new Mat(Buffer.allocate(precision, rows * cols), 0, rows, cols);
    }

    /** A fresh matrix holding a copy of {@code rows} (all of one length). */
    public static Mat of(Precision precision, double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Mat m = zeros(precision, rows.length, cols);
        m.setRows(rows, 0, rows.length);
        return m;
    }

    /** The storage. */
    public Buffer buffer() {
        return buffer;
    }

    /** Index of element (0, 0) in the buffer. */
    public int offset() {
        return offset;
    }

    /** Row capacity. */
    public int rows() {
        return rows;
    }

    /** Number of columns (the row stride). */
    public int cols() {
        return cols;
    }

    /** Element type. */
    public Precision precision() {
        return buffer.precision();
    }

    /** Buffer index of element (r, c). */
    public int index(int r, int c) {
        return offset + r * cols + c;
    }

    /** Element (r, c). */
    public double get(int r, int c) {
        return buffer.get(offset + r * cols + c);
    }

    /** Sets element (r, c). */
    public void set(int r, int c, double v) {
        buffer.set(offset + r * cols + c, v);
    }

    /** Zeroes the first {@code n} rows. */
    public void zero(int n) {
        buffer.fill(offset, offset + n * cols, 0.0);
    }

    /** Zeroes the whole view. */
    public void zero() {
        zero(rows);
    }

    /** Copies {@code src[from..to)} into rows {@code 0..to−from} of this matrix. */
    public void setRows(double[][] src, int from, int to) {
        for (int r = from; r < to; r++) {
            double[] row = src[r];
            int base = offset + (r - from) * cols;
            for (int c = 0; c < cols; c++) {
                buffer.set(base + c, row[c]);
            }
        }
    }

    /** The first {@code n} rows as a fresh array. */
    public double[][] toArray(int n) {
        double[][] out = new double[n][cols];
        for (int r = 0; r < n; r++) {
            int base = offset + r * cols;
            for (int c = 0; c < cols; c++) {
                out[r][c] = buffer.get(base + c);
            }
        }
        return out;
    }

    /** Copies the first {@code n} rows of {@code src} (same column count) into this matrix. */
    public void copyRowsFrom(Mat src, int n) {
        if (src.cols != cols) {
            throw new IllegalArgumentException("column mismatch " + src.cols + " vs " + cols);
        }
        buffer.copyFrom(src.buffer, src.offset, offset, n * cols);
    }

    /** The BLAS pointer at element (0, 0), created on first use and kept. */
    Pointer pointer() {
        Pointer p = pointer;
        if (p == null) {
            p = buffer.pointerAt(offset);
            pointer = p;
        }
        return p;
    }

    /**
     * The first {@code n} rows as an {@code n × cols} ND4J array sharing this view's memory, kept while
     * {@code n} stays the same (a new one, a few small objects, when it changes). For large element-wise work:
     * one native ND4J op costs microseconds but runs far faster per element than a Java loop over the
     * buffer's NIO view (at 10⁶ floats a multiply is ~0.3 ms against ~6 ms).
     *
     * @param n active rows, at least 1
     * @return the view
     */
    public INDArray ndView(int n) {
        if (n != viewRows) {
            if (n < 1 || n > rows) {
                throw new IllegalArgumentException("rows " + n + " outside [1, " + rows + "]");
            }
            view = buffer.asINDArray().get(NDArrayIndex.interval(offset, offset + n * cols)).reshape('c', n, cols);
            viewRows = n;
        }
        return view;
    }

    @Override
    public String toString() {
        return "Mat[" + rows + "x" + cols + " @" + offset + " " + precision() + "]";
    }
}
