package org.sbi4j.nn;

/**
 * One named parameter block of a {@link ParameterSet}: a {@code rows × cols} view into the model's flat
 * parameter buffer and the matching view into its flat gradient buffer. Bound when the set is built.
 */
public final class Param {

    private final String name;
    private final int rows;
    private final int cols;
    private Init init;
    private int offset = -1;
    private Mat value;
    private Mat grad;

    Param(String name, int rows, int cols, Init init) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.init = init;
    }

    /** Name, unique within the model (for diagnostics). */
    public String name() {
        return name;
    }

    /** Rows of the block. */
    public int rows() {
        return rows;
    }

    /** Columns of the block. */
    public int cols() {
        return cols;
    }

    /** Number of scalars. */
    public int size() {
        return rows * cols;
    }

    /** Offset of the block in the flat buffers. */
    public int offset() {
        return offset;
    }

    /** The values (a view into the flat parameter buffer). */
    public Mat value() {
        return value;
    }

    /** The gradient accumulator (a view into the flat gradient buffer). */
    public Mat grad() {
        return grad;
    }

    Init init() {
        return init;
    }

    /**
     * Replaces the initialiser; only before the set is built (e.g. to give an output layer a specific bias).
     *
     * @param newInit the initialiser
     */
    public void setInit(Init newInit) {
        if (value != null) {
            throw new IllegalStateException("parameter " + name + " is already initialised");
        }
        this.init = newInit;
    }

    void bind(int offset, Buffer values, Buffer grads) {
        this.offset = offset;
        this.value = new Mat(values, offset, rows, cols);
        this.grad = new Mat(grads, offset, rows, cols);
    }

    @Override
    public String toString() {
        return name + "[" + rows + "x" + cols + "]";
    }
}
