package org.sbi4j.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A zero-initialised block of off-heap numbers, allocated by ND4J, in one {@link Precision}. Java code reads
 * and writes it element by element through a native-order NIO view (as fast as a heap array); BLAS reads it
 * through a pointer. Elements are addressed by {@code int} index.
 */
public abstract sealed class Buffer permits Buffer.F32, Buffer.F64 {

    /** Keeps the ND4J allocation alive as long as this buffer is reachable. */
    private final DataBuffer owner;
    private final int length;

    private Buffer(DataBuffer owner, int length) {
        this.owner = owner;
        this.length = length;
    }

    /**
     * Allocates a zero-filled buffer.
     *
     * @param precision element type
     * @param length number of elements, at least 0
     * @return the buffer
     */
    public static Buffer allocate(Precision precision, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative buffer length " + length);
        }
        NeuralRuntime.ensureInitialized();
        int n = Math.max(1, length);
        // explicitly outside any ND4J workspace: these buffers live as long as the model
        if (precision == Precision.FLOAT32) {
            DataBuffer db = Nd4j.createBuffer(DataType.FLOAT, n, true, null);
            return new F32(db, length);
        }
        DataBuffer db = Nd4j.createBuffer(DataType.DOUBLE, n, true, null);
        return new F64(db, length);
    }

    /** Number of elements. */
    public final int length() {
        return length;
    }

    /** Element type. */
    public abstract Precision precision();

    /** Element {@code i} as a double. */
    public abstract double get(int i);

    /** Sets element {@code i} (rounded to the buffer's precision). */
    public abstract void set(int i, double value);

    /** Adds {@code value} to element {@code i}. */
    public final void add(int i, double value) {
        set(i, get(i) + value);
    }

    /** Sets elements {@code [from, to)} to {@code value}. */
    public void fill(int from, int to, double value) {
        for (int i = from; i < to; i++) {
            set(i, value);
        }
    }

    /** Copies {@code count} elements from {@code src[srcFrom...]} into {@code this[from...]}. */
    public void copyFrom(Buffer src, int srcFrom, int from, int count) {
        for (int i = 0; i < count; i++) {
            set(from + i, src.get(srcFrom + i));
        }
    }

    /**
     * {@code this[i] = scale · this[i] + weight · src[i]} for every element (the same length): one term of a
     * weighted sum formed in a fixed order, so the result does not depend on which thread produced {@code src}.
     *
     * @param scale factor on the current contents
     * @param src the buffer added
     * @param weight factor on {@code src}
     */
    public void scaleAndAdd(double scale, Buffer src, double weight) {
        scaleAndAdd(scale, src, weight, 0, length);
    }

    /**
     * As {@link #scaleAndAdd(double, Buffer, double)} on the elements {@code [from, to)} only (each element is
     * computed on its own, so pieces may run on different threads).
     *
     * @param scale factor on the current contents
     * @param src the buffer added (the same length)
     * @param weight factor on {@code src}
     * @param from first element
     * @param to end element (exclusive)
     */
    public void scaleAndAdd(double scale, Buffer src, double weight, int from, int to) {
        if (src.length != length) {
            throw new IllegalArgumentException("lengths differ: " + length + " and " + src.length);
        }
        for (int i = from; i < to; i++) {
            set(i, scale * get(i) + weight * src.get(i));
        }
    }

    /**
     * Copies {@code count} elements from {@code this[from...]} into {@code dst[0...]} (one bulk copy for float32).
     *
     * @param from first element
     * @param dst destination
     * @param count elements
     */
    public void read(int from, float[] dst, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] = (float) get(from + i);
        }
    }

    /**
     * Copies {@code src[0...count)} into {@code this[from...]} (one bulk copy for float32).
     *
     * @param from first element
     * @param src source
     * @param count elements
     */
    public void write(int from, float[] src, int count) {
        for (int i = 0; i < count; i++) {
            set(from + i, src[i]);
        }
    }

    /** A BLAS pointer positioned at element {@code offset}; create once and keep (it is an object). */
    abstract Pointer pointerAt(int offset);

    /** The whole buffer as a flat ND4J array (a view sharing memory), for ND4J ops or debugging. */
    public INDArray asINDArray() {
        return Nd4j.create(owner, new long[] {length}, new long[] {1}, 0, 'c', owner.dataType());
    }

    /** A copy of the contents as floats. */
    public float[] toFloatArray() {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }

    /** A copy of the contents as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** 32-bit storage. */
    static final class F32 extends Buffer {
        private final FloatPointer base;
        private final FloatBuffer view;

        F32(DataBuffer owner, int length) {
            super(owner, length);
            int n = Math.max(1, length);
            this.base = new FloatPointer(owner.addressPointer());
            base.position(0).limit(n).capacity(n);
            this.view = base.asBuffer();
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT32;
        }

        @Override
        public double get(int i) {
            return view.get(i);
        }

        @Override
        public void set(int i, double value) {
            view.put(i, (float) value);
        }

        @Override
        public void fill(int from, int to, double value) {
            float v = (float) value;
            for (int i = from; i < to; i++) {
                view.put(i, v);
            }
        }

        @Override
        public void read(int from, float[] dst, int count) {
            view.get(from, dst, 0, count);
        }

        @Override
        public void write(int from, float[] src, int count) {
            view.put(from, src, 0, count);
        }

        @Override
        public void copyFrom(Buffer src, int srcFrom, int from, int count) {
            if (src instanceof F32 f) {
                view.put(from, f.view, srcFrom, count);
            } else {
                super.copyFrom(src, srcFrom, from, count);
            }
        }

        @Override
        public void scaleAndAdd(double scale, Buffer src, double weight, int from, int to) {
            if (!(src instanceof F32 f) || f.length() != length()) {
                super.scaleAndAdd(scale, src, weight, from, to);
                return;
            }
            FloatBuffer other = f.view;
            float a = (float) scale;
            float b = (float) weight;
            for (int i = from; i < to; i++) {
                view.put(i, a * view.get(i) + b * other.get(i));
            }
        }

        @Override
        Pointer pointerAt(int offset) {
            FloatPointer p = new FloatPointer(base);
            p.position(offset);
            return p;
        }
    }

    /** 64-bit storage. */
    static final class F64 extends Buffer {
        private final DoublePointer base;
        private final DoubleBuffer view;

        F64(DataBuffer owner, int length) {
            super(owner, length);
            int n = Math.max(1, length);
            this.base = new DoublePointer(owner.addressPointer());
            base.position(0).limit(n).capacity(n);
            this.view = base.asBuffer();
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }

        @Override
        public double get(int i) {
            return view.get(i);
        }

        @Override
        public void set(int i, double value) {
            view.put(i, value);
        }

        @Override
        public void fill(int from, int to, double value) {
            for (int i = from; i < to; i++) {
                view.put(i, value);
            }
        }

        @Override
        Pointer pointerAt(int offset) {
            DoublePointer p = new DoublePointer(base);
            p.position(offset);
            return p;
        }
    }
}
