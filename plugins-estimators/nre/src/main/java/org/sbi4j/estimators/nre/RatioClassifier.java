package org.sbi4j.estimators.nre;

import java.io.IOException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.nn.Activation;
import org.sbi4j.nn.Buffer;
import org.sbi4j.nn.Dense;
import org.sbi4j.nn.Mat;
import org.sbi4j.nn.ParameterSet;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.Standardizer;
import org.sbi4j.nn.ThetaBijection;

/**
 * The classifier of (θ, x) pairs whose logit s(θ, x) estimates log r(x | θ): a residual MLP on θ mapped to
 * unconstrained space and z-scored, and x z-scored. An input layer {@code [θ, x] → h₀}, then blocks
 * {@code h ← h + W₂·act(W₁·h + b₁) + b₂}, then a linear output {@code h → s}. Forward and backward passes run on
 * batches in preallocated workspaces; not thread-safe (give each thread a {@link #copy}).
 */
final class RatioClassifier {
    private final ThetaBijection bijection;
    private final Standardizer thetaScaler;
    private final Standardizer xScaler;
    private final int hidden;
    private final int blocks;
    private final Activation activation;
    private final ParameterSet params;
    private final Dense input;
    private final Dense[] inner;
    private final Dense[] outer;
    private final Dense output;
    private final int dTheta;
    private final int dx;
    private int capacity;
    private Mat[] h;
    private Mat gradH;
    private Mat gradS;
    private Mat thetaBatch;
    private Mat xBatch;

    RatioClassifier(ThetaBijection bijection, Standardizer thetaScaler, Standardizer xScaler, int hidden, int blocks,
                    Activation activation, Precision precision, UniformRandomProvider initRng) {
        this.bijection = bijection;
        this.thetaScaler = thetaScaler;
        this.xScaler = xScaler;
        this.hidden = hidden;
        this.blocks = blocks;
        this.activation = activation;
        this.dTheta = thetaScaler.dimension();
        this.dx = xScaler.dimension();
        ParameterSet.Builder builder = ParameterSet.builder(precision);
        input = new Dense(builder, "input", dTheta, dx, hidden, Activation.IDENTITY, null, 1.0);
        inner = new Dense[blocks];
        outer = new Dense[blocks];
        for (int b = 0; b < blocks; b++) {
            inner[b] = new Dense(builder, "block" + b + "/inner", hidden, 0, hidden, activation, null, 1.0);
            // a small second layer: every block starts close to the identity
            outer[b] = new Dense(builder, "block" + b + "/outer", hidden, 0, hidden, Activation.IDENTITY, null, 0.1);
        }
        output = new Dense(builder, "output", hidden, 0, 1, Activation.IDENTITY, null, 1.0);
        params = builder.build(initRng);
    }

    /** The trainable parameters. */
    ParameterSet parameters() {
        return params;
    }

    ThetaBijection bijection() {
        return bijection;
    }

    Standardizer thetaScaler() {
        return thetaScaler;
    }

    Standardizer xScaler() {
        return xScaler;
    }

    int thetaDim() {
        return dTheta;
    }

    int dataDim() {
        return dx;
    }

    /** Grows the workspaces to {@code n} rows. */
    void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        Precision p = params.precision();
        h = new Mat[blocks];
        for (int b = 0; b < blocks; b++) {
            h[b] = Mat.zeros(p, n, hidden);
        }
        gradH = Mat.zeros(p, n, hidden);
        gradS = Mat.zeros(p, n, 1);
        thetaBatch = Mat.zeros(p, n, dTheta);
        xBatch = Mat.zeros(p, n, dx);
        input.ensureCapacity(n);
        for (int b = 0; b < blocks; b++) {
            inner[b].ensureCapacity(n);
            outer[b].ensureCapacity(n);
        }
        output.ensureCapacity(n);
    }

    /** The θ workspace of {@code n × dTheta} standardised, unconstrained rows, filled by the caller. */
    Mat thetaBatch() {
        return thetaBatch;
    }

    /** The x workspace of standardised rows, filled by the caller. */
    Mat xBatch() {
        return xBatch;
    }

    /**
     * Logits of the first {@code n} rows of {@link #thetaBatch()} and {@link #xBatch()}.
     *
     * @param n rows
     * @return the {@code n × 1} logits (valid until the next call)
     */
    Mat forward(int n) {
        ensureCapacity(n);
        Mat current = input.forward(thetaBatch, xBatch, n);
        for (int b = 0; b < blocks; b++) {
            Mat r = outer[b].forward(inner[b].forward(current, null, n), null, n);
            Buffer out = h[b].buffer();
            Buffer in = current.buffer();
            Buffer add = r.buffer();
            for (int i = 0, len = n * hidden; i < len; i++) {
                out.set(i, in.get(i) + add.get(i));
            }
            current = h[b];
        }
        return output.forward(current, null, n);
    }

    /** The gradient workspace of the logits, {@code n × 1}, filled by the caller before {@link #backward}. */
    Mat logitGradient() {
        return gradS;
    }

    /**
     * Back-propagates {@link #logitGradient()} through the last forward pass; accumulates the parameter gradients.
     *
     * @param n rows
     * @param needThetaGradient whether {@link #thetaGradient()} is wanted
     */
    void backward(int n, boolean needThetaGradient) {
        backward(n, needThetaGradient, true);
    }

    /**
     * Back-propagates {@link #logitGradient()} through the last forward pass for the gradient in θ only: the
     * parameter gradients are left untouched and their products skipped.
     *
     * @param n rows
     */
    void backwardToTheta(int n) {
        backward(n, true, false);
    }

    private void backward(int n, boolean needThetaGradient, boolean accumulate) {
        output.backward(gradS, n, true, false, accumulate);
        copy(output.inputGrad(), gradH, n * hidden);
        for (int b = blocks - 1; b >= 0; b--) {
            outer[b].backward(gradH, n, true, false, accumulate);
            inner[b].backward(outer[b].inputGrad(), n, true, false, accumulate);
            Buffer g = gradH.buffer();
            Buffer add = inner[b].inputGrad().buffer();
            for (int i = 0, len = n * hidden; i < len; i++) {
                g.add(i, add.get(i));
            }
        }
        input.backward(gradH, n, needThetaGradient && dTheta > 0, false, accumulate);
    }

    /** d(loss)/d(standardised θ) of the last backward pass. */
    Mat thetaGradient() {
        return input.inputGrad();
    }

    private static void copy(Mat from, Mat to, int count) {
        to.buffer().copyFrom(from.buffer(), from.offset(), to.offset(), count);
    }

    /** An independent copy with the same parameters, in the given precision. */
    RatioClassifier copy(Precision precision) {
        RatioClassifier c = new RatioClassifier(bijection, thetaScaler, xScaler, hidden, blocks, activation, precision,
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        c.params.importValues(params.exportFloats());
        return c;
    }

    /**
     * Writes the architecture, transforms and parameters under {@code prefix}.
     *
     * @param writer destination
     * @param prefix name prefix
     * @throws IOException when writing fails
     */
    void write(ModelWriter writer, String prefix) throws IOException {
        writer.putProperty(prefix + "/hidden-features", Integer.toString(hidden));
        writer.putProperty(prefix + "/blocks", Integer.toString(blocks));
        writer.putProperty(prefix + "/activation", activation.name());
        writer.putProperty(prefix + "/bijection", bijection.encode());
        float[] p = params.exportFloats();
        writer.putFloatArray(prefix + "/parameters", p, p.length);
        writer.putArray(prefix + "/theta-mean", thetaScaler.mean(), dTheta);
        writer.putArray(prefix + "/theta-scale", thetaScaler.scale(), dTheta);
        writer.putArray(prefix + "/x-mean", xScaler.mean(), dx);
        writer.putArray(prefix + "/x-scale", xScaler.scale(), dx);
    }

    /**
     * Restores what {@link #write} saved.
     *
     * @param reader source
     * @param prefix name prefix
     * @param precision precision of the restored buffers
     * @return the classifier
     * @throws IOException when an entry is missing or inconsistent
     */
    static RatioClassifier read(ModelReader reader, String prefix, Precision precision) throws IOException {
        try {
            int hidden = Integer.parseInt(reader.property(prefix + "/hidden-features"));
            int blocks = Integer.parseInt(reader.property(prefix + "/blocks"));
            Activation activation = Activation.valueOf(reader.property(prefix + "/activation"));
            ThetaBijection bijection = ThetaBijection.decode(reader.property(prefix + "/bijection"));
            Standardizer ts = new Standardizer(reader.array(prefix + "/theta-mean"),
                    reader.array(prefix + "/theta-scale"));
            Standardizer xs = new Standardizer(reader.array(prefix + "/x-mean"), reader.array(prefix + "/x-scale"));
            if (ts.dimension() != bijection.dimension() || hidden < 1 || blocks < 0) {
                throw new IOException("inconsistent classifier under " + prefix);
            }
            RatioClassifier c = new RatioClassifier(bijection, ts, xs, hidden, blocks, activation, precision,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
            float[] p = reader.floatArray(prefix + "/parameters");
            if (p.length != c.params.size()) {
                throw new IOException(prefix + "/parameters has " + p.length + " values, the architecture needs "
                        + c.params.size());
            }
            c.params.importValues(p);
            return c;
        } catch (IllegalArgumentException e) {
            throw new IOException("bad classifier entry under " + prefix + ": " + e.getMessage(), e);
        }
    }
}
