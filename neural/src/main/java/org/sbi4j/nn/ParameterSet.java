package org.sbi4j.nn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;

/**
 * All parameters of one model in one flat buffer, and their gradients in a second flat buffer of the same
 * layout. Layers register {@link Param} blocks while they are constructed; {@link Builder#build} allocates both
 * buffers, binds every block as a view and initialises the blocks in registration order from one seeded
 * generator, so initialisation is deterministic. Gradients are accumulated by the layers' backward passes;
 * call {@link #zeroGradients()} before each step.
 */
public final class ParameterSet {

    private final Precision precision;
    private final List<Param> params;
    private final Buffer values;
    private final Buffer gradients;

    private ParameterSet(Precision precision, List<Param> params, Buffer values, Buffer gradients) {
        this.precision = precision;
        this.params = params;
        this.values = values;
        this.gradients = gradients;
    }

    /** Collects blocks before the buffers exist. */
    public static final class Builder {
        private final Precision precision;
        private final List<Param> params = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private boolean built;

        private Builder(Precision precision) {
            this.precision = precision;
        }

        /** The precision the set will have. */
        public Precision precision() {
            return precision;
        }

        /**
         * Registers a block.
         *
         * @param name unique name
         * @param rows rows
         * @param cols columns
         * @param init how to initialise it
         * @return the handle, bound when {@link #build} runs
         */
        public Param add(String name, int rows, int cols, Init init) {
            if (built) {
                throw new IllegalStateException("parameter set already built");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("duplicate parameter name " + name);
            }
            Param p = new Param(name, rows, cols, init);
            params.add(p);
            return p;
        }

        /**
         * Allocates the buffers, binds and initialises every block.
         *
         * @param initRng initialisation stream
         * @return the set
         */
        public ParameterSet build(UniformRandomProvider initRng) {
            if (built) {
                throw new IllegalStateException("parameter set already built");
            }
            built = true;
            int total = 0;
            for (Param p : params) {
                total = Math.addExact(total, p.size());
            }
            Buffer values = Buffer.allocate(precision, total);
            Buffer grads = Buffer.allocate(precision, total);
            int offset = 0;
            for (Param p : params) {
                p.bind(offset, values, grads);
                offset += p.size();
            }
            for (Param p : params) {
                p.init().apply(p.value(), initRng);
            }
            return new ParameterSet(precision, Collections.unmodifiableList(new ArrayList<>(params)), values,
                    grads);
        }
    }

    /** A new builder. */
    public static Builder builder(Precision precision) {
        return new Builder(precision);
    }

    /** Precision of both buffers. */
    public Precision precision() {
        return precision;
    }

    /** The blocks in registration order. */
    public List<Param> params() {
        return params;
    }

    /** Total number of scalars. */
    public int size() {
        return values.length();
    }

    /** The flat parameter buffer. */
    public Buffer values() {
        return values;
    }

    /** The flat gradient buffer. */
    public Buffer gradients() {
        return gradients;
    }

    /** Sets every gradient to zero. */
    public void zeroGradients() {
        gradients.fill(0, gradients.length(), 0.0);
    }

    /** Euclidean norm of the gradient. */
    public double gradientNorm() {
        Buffer grads = gradients;
        int n = grads.length();
        // two accumulators halve the add-latency chain
        double s0 = 0.0;
        double s1 = 0.0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double g0 = grads.get(i);
            double g1 = grads.get(i + 1);
            s0 += g0 * g0;
            s1 += g1 * g1;
        }
        if (i < n) {
            double g0 = grads.get(i);
            s0 += g0 * g0;
        }
        return Math.sqrt(s0 + s1);
    }

    /** The parameters as float32 (for {@code ModelWriter.putFloatArray}). */
    public float[] exportFloats() {
        return values.toFloatArray();
    }

    /** The parameters as float64 (exact for both precisions). */
    public double[] exportDoubles() {
        return values.toDoubleArray();
    }

    /** Replaces all parameters. */
    public void importValues(float[] src) {
        checkLength(src.length);
        for (int i = 0; i < src.length; i++) {
            values.set(i, src[i]);
        }
    }

    /** Replaces all parameters. */
    public void importValues(double[] src) {
        checkLength(src.length);
        for (int i = 0; i < src.length; i++) {
            values.set(i, src[i]);
        }
    }

    /** Copies the parameters into {@code dst} (length {@link #size()}), e.g. to remember the best epoch. */
    public void copyValuesTo(double[] dst) {
        checkLength(dst.length);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = values.get(i);
        }
    }

    private void checkLength(int length) {
        if (length != values.length()) {
            throw new IllegalArgumentException("expected " + values.length() + " parameters, got " + length);
        }
    }

    /**
     * Writes the values as one float32 array.
     *
     * @param writer destination
     * @param name array name
     * @throws IOException when writing fails
     */
    public void write(ModelWriter writer, String name) throws IOException {
        float[] p = exportFloats();
        writer.putFloatArray(name, p, p.length);
    }

    /**
     * Replaces the values by the float32 array {@link #write} wrote.
     *
     * @param reader source
     * @param name array name
     * @throws IOException when the array is missing or has another length than this set
     */
    public void read(ModelReader reader, String name) throws IOException {
        float[] p = reader.floatArray(name);
        if (p.length != size()) {
            throw new IOException(name + " has " + p.length + " values, the architecture needs " + size());
        }
        importValues(p);
    }
}
