package org.sbi4j.nn;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;

/**
 * The control network of flow matching with simulator feedback (spec §4.5): a small correction
 * {@code g_ψ(t, v, θ_t, c)} added to a frozen flow's velocity, {@code v^C = v + g}. Its main input is the row
 * {@code [t, v, θ_t]} ({@code 1 + 2d} values, model coordinates), its context the control signal c, which is
 * either given directly (gradient control: features of the cost and its gradient) or computed by a trainable
 * encoder from {@code [x̂, x̂ − x₀]} (learned control: x̂ the simulation at the one-step estimate, x₀ the
 * observation, both standardised like the flow's x; gradients stop at x̂).
 *
 * <p>The control MLP has {@code depth} hidden GELU layers of {@code width} units; its output layer starts at
 * exactly zero (weights and bias), so before fine-tuning v^C equals the pretrained velocity. The encoder has one
 * hidden GELU layer of {@code width} units and {@code encoderDim} outputs. Forward keeps what backward needs;
 * backward accumulates the gradients of every parameter (control and encoder). Not thread-safe.
 */
public final class ControlNetwork {

    /**
     * The architecture.
     *
     * @param thetaDim d
     * @param signalDim width of the control signal given directly (gradient control), 0 with an encoder
     * @param dataDim data width the encoder compares (learned control), 0 without an encoder
     * @param encoderDim encoder outputs (the learned signal's width), 0 without an encoder
     * @param width hidden width of the control MLP and of the encoder
     * @param depth hidden layers of the control MLP
     */
    public record Shape(int thetaDim, int signalDim, int dataDim, int encoderDim, int width, int depth) {

        /** Checks the values. */
        public Shape {
            boolean encoder = dataDim > 0;
            if (thetaDim < 1 || width < 1 || depth < 1 || signalDim < 0 || dataDim < 0 || encoderDim < 0
                    || (encoder ? signalDim != 0 || encoderDim < 1 : signalDim < 1 || encoderDim != 0)) {
                throw new IllegalArgumentException("bad control network shape " + this);
            }
        }

        /** Whether the signal comes from a trainable encoder of the data. */
        public boolean hasEncoder() {
            return dataDim > 0;
        }

        /** Width of the signal input of {@link #forward}: the direct signal, or the encoder's {@code 2 · dataDim}. */
        public int inputSignalDim() {
            return hasEncoder() ? 2 * dataDim : signalDim;
        }

        /** Width of the control MLP's context. */
        int contextDim() {
            return hasEncoder() ? encoderDim : signalDim;
        }

        /** The text {@link #decode} reads. */
        public String encode() {
            return String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d", thetaDim, signalDim, dataDim, encoderDim, width,
                    depth);
        }

        /**
         * Parses {@link #encode}'s text.
         *
         * @param text the encoded shape
         * @return the shape
         * @throws IllegalArgumentException when malformed
         */
        public static Shape decode(String text) {
            int[] v;
            try {
                v = Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad control network shape '" + text + "'", e);
            }
            if (v.length != 6) {
                throw new IllegalArgumentException("bad control network shape '" + text + "'");
            }
            return new Shape(v[0], v[1], v[2], v[3], v[4], v[5]);
        }
    }

    private final Shape shape;
    private final ParameterSet params;
    private final Mlp encoder;
    private final Mlp control;

    /**
     * A fresh network: random hidden layers, a zero output layer.
     *
     * @param shape the architecture
     * @param precision buffer precision
     * @param initRng initialisation stream
     */
    public ControlNetwork(Shape shape, Precision precision, UniformRandomProvider initRng) {
        this.shape = shape;
        ParameterSet.Builder b = ParameterSet.builder(precision);
        int d = shape.thetaDim();
        this.encoder = shape.hasEncoder() ? new Mlp(b, "control/encoder", 2 * shape.dataDim(), 0,
                new int[] {shape.width()}, shape.encoderDim(), Activation.GELU, Activation.IDENTITY, 1.0) : null;
        int[] hidden = new int[shape.depth()];
        Arrays.fill(hidden, shape.width());
        this.control = new Mlp(b, "control/net", 1 + 2 * d, shape.contextDim(), hidden, d, Activation.GELU,
                Activation.IDENTITY, 0.0);
        this.params = b.build(initRng);
    }

    /** The architecture. */
    public Shape shape() {
        return shape;
    }

    /** The trainable parameters (control MLP and encoder). */
    public ParameterSet parameters() {
        return params;
    }

    /** Grows the workspaces to {@code n} rows. */
    public void ensureCapacity(int n) {
        if (encoder != null) {
            encoder.ensureCapacity(n);
        }
        control.ensureCapacity(n);
    }

    /**
     * The correction g.
     *
     * @param state rows {@code [t, v, θ_t]}, {@code n × (1 + 2d)}
     * @param signal rows of the control signal, {@code n × shape().inputSignalDim()}
     * @param n active rows
     * @return g, {@code n × d} (a workspace, valid until the next call)
     */
    public Mat forward(Mat state, Mat signal, int n) {
        Mat c = encoder == null ? signal : encoder.forward(signal, null, n);
        return control.forward(state, c, n);
    }

    /**
     * Accumulates the parameter gradients of the last {@link #forward} (the inputs get none: gradients stop at
     * the flow and at the simulator).
     *
     * @param gradOut dL/dg
     * @param n active rows
     */
    public void backward(Mat gradOut, int n) {
        control.backward(gradOut, n, false, encoder != null);
        if (encoder != null) {
            encoder.backward(control.contextGrad(), n, false, false);
        }
    }

    /**
     * An independent copy with the same parameters (for another thread).
     *
     * @return the copy
     */
    public ControlNetwork copy() {
        ControlNetwork c = new ControlNetwork(shape, params.precision(),
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        c.params.importValues(params.exportDoubles());
        return c;
    }

    /**
     * Saves the shape (property {@code prefix/shape}) and the parameters (float32 {@code prefix/parameters}).
     *
     * @param writer destination
     * @param prefix name prefix
     * @throws IOException when writing fails
     */
    public void write(ModelWriter writer, String prefix) throws IOException {
        writer.putProperty(prefix + "/shape", shape.encode());
        params.write(writer, prefix + "/parameters");
    }

    /**
     * Restores what {@link #write} saved.
     *
     * @param reader source
     * @param prefix name prefix
     * @param precision buffer precision
     * @return the network
     * @throws IOException when an entry is missing or malformed
     */
    public static ControlNetwork read(ModelReader reader, String prefix, Precision precision) throws IOException {
        Shape shape;
        try {
            shape = Shape.decode(reader.property(prefix + "/shape"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad control network entry under " + prefix + ": " + e.getMessage(), e);
        }
        ControlNetwork net = new ControlNetwork(shape, precision,
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        net.params.read(reader, prefix + "/parameters");
        return net;
    }
}
