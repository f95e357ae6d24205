package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A binary multi-layer perceptron classifier that behaves like scikit-learn's {@code MLPClassifier} with the
 * Adam solver: ReLU hidden layers, one logistic output, mean log-loss plus {@code 0.5·alpha·Σw²/batch}
 * (weights only, not biases), Glorot-uniform initialisation of weights and biases with bound
 * {@code sqrt(6/(fan_in+fan_out))}, mini-batches of {@code min(batchSize, n)} drawn from a fresh shuffle every
 * epoch (the last batch may be smaller), and sklearn's stopping rule on the epoch's mean training loss.
 *
 * <p>Inputs are arrays of rows ({@code n×d}); labels are 0 or 1. One generator drives the
 * initialisation and then every epoch's shuffle, as sklearn's {@code random_state} does, so a seeded generator
 * gives the same classifier every time.
 */
public final class MlpClassifier {
    private static final double PROBABILITY_EPS = Math.ulp(1.0);
    private static final int PREDICT_BATCH = 512;

    /**
     * Hyper-parameters, named as in scikit-learn.
     *
     * @param hiddenWidths widths of the ReLU hidden layers, each ≥ 1
     * @param alpha L2 penalty, ≥ 0
     * @param learningRate Adam step size, &gt; 0
     * @param beta1 Adam first-moment decay, in [0, 1)
     * @param beta2 Adam second-moment decay, in [0, 1)
     * @param epsilon Adam denominator offset, &gt; 0
     * @param batchSize mini-batch size (clipped to the sample size), ≥ 1
     * @param tol minimum improvement of the epoch loss that resets the no-improvement count, ≥ 0
     * @param nIterNoChange training stops when the no-improvement count exceeds this, ≥ 1
     * @param maxEpochs cap on the number of epochs, ≥ 1
     */
    public record Config(int[] hiddenWidths, double alpha, double learningRate, double beta1, double beta2,
                         double epsilon, int batchSize, double tol, int nIterNoChange, int maxEpochs) {
        /** Checks the ranges. */
        public Config {
            requireNonNull(hiddenWidths, "hiddenWidths is null");
            hiddenWidths = hiddenWidths.clone();
            for (int h : hiddenWidths) {
                if (h < 1) {
                    throw new IllegalArgumentException("hidden width " + h + " is invalid; widths must be >= 1");
                }
            }
            check(alpha >= 0, "alpha", alpha, ">= 0");
            check(learningRate > 0, "learningRate", learningRate, "> 0");
            check(beta1 >= 0 && beta1 < 1, "beta1", beta1, "in [0, 1)");
            check(beta2 >= 0 && beta2 < 1, "beta2", beta2, "in [0, 1)");
            check(epsilon > 0, "epsilon", epsilon, "> 0");
            check(batchSize >= 1, "batchSize", batchSize, ">= 1");
            check(tol >= 0, "tol", tol, ">= 0");
            check(nIterNoChange >= 1, "nIterNoChange", nIterNoChange, ">= 1");
            check(maxEpochs >= 1, "maxEpochs", maxEpochs, ">= 1");
        }

        /**
         * scikit-learn's {@code MLPClassifier} defaults (alpha 1e-4, Adam 1e-3 / 0.9 / 0.999 / 1e-8, batch 200,
         * tol 1e-4, n_iter_no_change 10) with the given hidden layers and epoch cap.
         *
         * @param maxEpochs the epoch cap (sklearn's {@code max_iter})
         * @param hiddenWidths the hidden layer widths
         * @return the configuration
         */
        public static Config sklearnDefaults(int maxEpochs, int... hiddenWidths) {
            return new Config(hiddenWidths, 1e-4, 1e-3, 0.9, 0.999, 1e-8, 200, 1e-4, 10, maxEpochs);
        }

        /**
         * The same configuration with another epoch cap.
         *
         * @param epochs the new cap
         * @return the configuration
         */
        public Config withMaxEpochs(int epochs) {
            return new Config(hiddenWidths, alpha, learningRate, beta1, beta2, epsilon, batchSize, tol, nIterNoChange,
                    epochs);
        }

        @Override
        public int[] hiddenWidths() {
            return hiddenWidths.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && Arrays.equals(hiddenWidths, c.hiddenWidths) && alpha == c.alpha
                    && learningRate == c.learningRate && beta1 == c.beta1 && beta2 == c.beta2 && epsilon == c.epsilon
                    && batchSize == c.batchSize && tol == c.tol && nIterNoChange == c.nIterNoChange
                    && maxEpochs == c.maxEpochs;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(hiddenWidths) + Objects.hash(alpha, learningRate, beta1, beta2, epsilon, batchSize,
                    tol, nIterNoChange, maxEpochs);
        }

        @Override
        public String toString() {
            return "Config[hiddenWidths=" + Arrays.toString(hiddenWidths) + ", alpha=" + alpha + ", learningRate="
                    + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ", batchSize="
                    + batchSize + ", tol=" + tol + ", nIterNoChange=" + nIterNoChange + ", maxEpochs=" + maxEpochs + "]";
        }

        private static void check(boolean ok, String name, double value, String range) {
            if (!ok) {
                throw new IllegalArgumentException(name + " = " + value + " is invalid; it must be " + range);
            }
        }
    }

    private final Config config;
    /** Layer widths: inputs, hidden layers, 1. */
    private final int[] widths;
    /** weights[l] has widths[l] rows of widths[l+1] values (sklearn's coefs_[l]). */
    private final double[][][] weights;
    private final double[][] biases;
    private double[] lossCurve = new double[0];
    private boolean converged;

    private MlpClassifier(int inputs, Config config) {
        this.config = config;
        int[] hidden = config.hiddenWidths();
        widths = new int[hidden.length + 2];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = 1;
        weights = new double[widths.length - 1][][];
        biases = new double[widths.length - 1][];
        for (int l = 0; l < weights.length; l++) {
            weights[l] = new double[widths[l]][widths[l + 1]];
            biases[l] = new double[widths[l + 1]];
        }
    }

    /**
     * An untrained network with sklearn's Glorot-uniform initialisation: per layer, the weights (fan_in rows of
     * fan_out, row by row) then the biases, all uniform in ±sqrt(6/(fan_in+fan_out)).
     *
     * @param inputs the number of input features, ≥ 1
     * @param config the hyper-parameters
     * @param rng the generator
     * @return the network
     */
    public static MlpClassifier initialised(int inputs, Config config, UniformRandomProvider rng) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs = " + inputs + " is invalid; it must be >= 1");
        }
        requireNonNull(rng, "rng is null");
        MlpClassifier net = new MlpClassifier(inputs, requireNonNull(config, "config is null"));
        for (int l = 0; l < net.weights.length; l++) {
            double bound = Math.sqrt(6.0 / (net.widths[l] + net.widths[l + 1]));
            for (double[] row : net.weights[l]) {
                uniform(row, bound, rng);
            }
            uniform(net.biases[l], bound, rng);
        }
        return net;
    }

    /**
     * Initialises a network and trains it; the generator then shuffles every epoch.
     *
     * @param x the inputs, n rows of d features (not modified, not kept)
     * @param y the labels, 0 or 1, length n
     * @param config the hyper-parameters
     * @param rng the generator (initialisation, then shuffles)
     * @return the trained classifier
     */
    public static MlpClassifier train(double[][] x, int[] y, Config config, UniformRandomProvider rng) {
        int d = checkInputs(x, -1);
        if (x.length == 0) {
            throw new IllegalArgumentException("cannot train a classifier on no rows");
        }
        requireNonNull(y, "y is null");
        if (y.length != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length + " labels");
        }
        for (int label : y) {
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("label " + label + " is invalid; labels must be 0 or 1");
            }
        }
        MlpClassifier net = initialised(d, config, rng);
        net.fit(x, y, rng);
        return net;
    }

    private void fit(double[][] x, int[] y, UniformRandomProvider rng) {
        int n = x.length;
        int batch = Math.min(config.batchSize(), n);
        Workspace ws = new Workspace(batch);
        double[][] params = parameters();
        double[][] grads = gradientRows(ws);
        Adam adam = new Adam(params, config.learningRate(), config.beta1(), config.beta2(), config.epsilon());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] curve = new double[Math.min(config.maxEpochs(), 1024)];
        double best = Double.POSITIVE_INFINITY;
        int noImprovement = 0;
        int epoch = 0;
        converged = false;
        double[][] input = ws.acts[0];
        while (epoch < config.maxEpochs()) {
            shuffle(order, rng);
            double accumulated = 0.0;
            for (int start = 0; start < n; start += batch) {
                int nb = Math.min(batch, n - start);
                for (int r = 0; r < nb; r++) {
                    int i = order[start + r];
                    input[r] = x[i];
                    ws.labels[r] = y[i];
                }
                accumulated += backprop(ws, nb) * nb;
                adam.step(params, grads);
            }
            double loss = accumulated / n;
            if (epoch == curve.length) {
                curve = Arrays.copyOf(curve, Math.min(config.maxEpochs(), 2 * curve.length));
            }
            curve[epoch++] = loss;
            if (loss > best - config.tol()) {
                noImprovement++;
            } else {
                noImprovement = 0;
            }
            if (loss < best) {
                best = loss;
            }
            if (noImprovement > config.nIterNoChange()) {
                converged = true;
                break;
            }
        }
        lossCurve = Arrays.copyOf(curve, epoch);
        for (double[] row : params) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    // sklearn raises here too ("Solver produced non-finite parameter weights")
                    throw new IllegalStateException("MLP training produced non-finite weights after " + epoch
                            + " epochs; the inputs may contain very large values and need rescaling");
                }
            }
        }
    }

    /**
     * The probability of class 1 for each row.
     *
     * @param x the inputs, n rows of d features
     * @return the n probabilities
     */
    public double[] probabilities(double[][] x) {
        checkInputs(x, widths[0]);
        int n = x.length;
        double[] p = new double[n];
        Workspace ws = new Workspace(Math.min(PREDICT_BATCH, Math.max(1, n)));
        double[][] output = ws.acts[widths.length - 1];
        for (int start = 0; start < n; start += PREDICT_BATCH) {
            int nb = Math.min(PREDICT_BATCH, n - start);
            System.arraycopy(x, start, ws.acts[0], 0, nb);
            forward(ws, nb);
            for (int r = 0; r < nb; r++) {
                p[start + r] = output[r][0];
            }
        }
        return p;
    }

    /**
     * The predicted class of each row: 1 when its probability exceeds 0.5 (sklearn's threshold), else 0.
     *
     * @param x the inputs, n rows of d features
     * @return the n labels
     */
    public int[] predict(double[][] x) {
        double[] p = probabilities(x);
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            labels[i] = p[i] > 0.5 ? 1 : 0;
        }
        return labels;
    }

    /** @return the mean training loss of each epoch run */
    public double[] lossCurve() {
        return lossCurve.clone();
    }

    /** @return the number of epochs run */
    public int epochs() {
        return lossCurve.length;
    }

    /** @return whether training stopped by the tolerance rule rather than the epoch cap */
    public boolean converged() {
        return converged;
    }

    /** @return the layer widths: inputs, hidden layers, 1 */
    public int[] widths() {
        return widths.clone();
    }

    /** The live parameter rows: every weight row of every layer, then every layer's bias (for Adam and tests). */
    double[][] parameters() {
        return rows(weights, biases);
    }

    /**
     * The sklearn batch objective (mean log-loss + 0.5·alpha·Σw²/n) on the given rows, and its gradient in the
     * layout of {@link #parameters()} (fresh arrays).
     */
    double lossAndGradient(double[][] x, int[] y, double[][][] gradientOut) {
        int n = x.length;
        Workspace ws = new Workspace(n);
        System.arraycopy(x, 0, ws.acts[0], 0, n);
        for (int i = 0; i < n; i++) {
            ws.labels[i] = y[i];
        }
        double loss = backprop(ws, n);
        double[][] g = gradientRows(ws);
        double[][] copy = new double[g.length][];
        for (int i = 0; i < g.length; i++) {
            copy[i] = g[i].clone();
        }
        gradientOut[0] = copy;
        return loss;
    }

    private static double[][] rows(double[][][] w, double[][] b) {
        int count = b.length;
        for (double[][] layer : w) {
            count += layer.length;
        }
        double[][] all = new double[count][];
        int i = 0;
        for (double[][] layer : w) {
            for (double[] row : layer) {
                all[i++] = row;
            }
        }
        for (double[] row : b) {
            all[i++] = row;
        }
        return all;
    }

    private static double[][] gradientRows(Workspace ws) {
        return rows(ws.gradW, ws.gradB);
    }

    private void forward(Workspace ws, int n) {
        int layers = weights.length;
        ws.supports[0].scan(ws.acts[0], n, widths[0]);
        for (int l = 0; l < layers; l++) {
            double[][] z = ws.acts[l + 1];
            Dense.affine(ws.acts[l], n, widths[l], weights[l], biases[l], widths[l + 1], z, ws.supports[l],
                    ws.scratch);
            if (l < layers - 1) {
                ws.supports[l + 1].relu(z, n, widths[l + 1]);
            } else {
                for (int b = 0; b < n; b++) {
                    z[b][0] = 1.0 / (1.0 + Math.exp(-z[b][0]));
                }
            }
        }
    }

    /** Forward and backward pass over the first n rows of the workspace; returns the batch objective. */
    private double backprop(Workspace ws, int n) {
        forward(ws, n);
        int layers = weights.length;
        double[][] p = ws.acts[layers];
        double[][] top = ws.deltas[layers];
        double loss = 0.0;
        for (int b = 0; b < n; b++) {
            double pb = p[b][0];
            double clipped = Math.min(Math.max(pb, PROBABILITY_EPS), 1.0 - PROBABILITY_EPS);
            double yb = ws.labels[b];
            loss -= yb == 1.0 ? Math.log(clipped) : Math.log1p(-clipped);
            top[b][0] = pb - yb;
        }
        loss /= n;
        double squares = 0.0;
        for (double[][] layer : weights) {
            for (double[] row : layer) {
                for (double v : row) {
                    squares += v * v;
                }
            }
        }
        double alpha = config.alpha();
        loss += 0.5 * alpha * squares / n;
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            double[][] d = ws.deltas[l + 1];
            double[][] gw = ws.gradW[l];
            double[][] w = weights[l];
            Dense.transposeTimes(ws.acts[l], ws.supports[l], n, in, d, out, gw, ws.columns[l], ws.scratch);
            for (int k = 0; k < in; k++) {
                double[] gk = gw[k];
                double[] wk = w[k];
                for (int j = 0; j < out; j++) {
                    gk[j] = (gk[j] + alpha * wk[j]) / n;
                }
            }
            double[] gb = ws.gradB[l];
            Arrays.fill(gb, 0.0);
            for (int b = 0; b < n; b++) {
                double[] db = d[b];
                for (int j = 0; j < out; j++) {
                    gb[j] += db[j];
                }
            }
            for (int j = 0; j < out; j++) {
                gb[j] /= n;
            }
            if (l > 0) {
                Dense.backReLU(d, n, out, w, ws.transposed[l], in, ws.supports[l], ws.deltas[l], ws.deltaSupport,
                        ws.scratch);
            }
        }
        return loss;
    }

    private static int checkInputs(double[][] x, int d) {
        requireNonNull(x, "x is null");
        if (x.length == 0) {
            return Math.max(d, 1);
        }
        int width = d < 0 ? (x[0] == null ? 0 : x[0].length) : d;
        if (width < 1) {
            throw new IllegalArgumentException("x rows need at least one feature");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != width) {
                throw new IllegalArgumentException("x row " + i + " has " + (x[i] == null ? "no" : x[i].length)
                        + " values; every row needs " + width);
            }
        }
        return width;
    }

    private static void uniform(double[] a, double bound, UniformRandomProvider rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = -bound + 2.0 * bound * rng.nextDouble();
        }
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Activations, deltas, gradients and scratch for batches of up to {@code capacity} rows. */
    private final class Workspace {
        /** acts[0] holds references to the input rows; acts[l] for l ≥ 1 owns its rows. */
        final double[][][] acts;
        final double[][][] deltas;
        final double[][][] gradW;
        final double[][] gradB;
        final double[][][] transposed;
        final double[] labels;
        /** The non-zeros of acts[l] for l below the output, recorded by the forward pass. */
        final Dense.Support[] supports;
        final Dense.ColumnSupport[] columns;
        final Dense.Support deltaSupport;
        final double[] scratch;

        Workspace(int capacity) {
            int layers = widths.length;
            acts = new double[layers][][];
            deltas = new double[layers][][];
            acts[0] = new double[capacity][];
            for (int l = 1; l < layers; l++) {
                acts[l] = new double[capacity][widths[l]];
                deltas[l] = new double[capacity][widths[l]];
            }
            int widest = 1;
            for (int width : widths) {
                widest = Math.max(widest, width);
            }
            gradW = new double[layers - 1][][];
            gradB = new double[layers - 1][];
            transposed = new double[layers - 1][][];
            supports = new Dense.Support[layers - 1];
            columns = new Dense.ColumnSupport[layers - 1];
            for (int l = 0; l < layers - 1; l++) {
                gradW[l] = new double[widths[l]][widths[l + 1]];
                gradB[l] = new double[widths[l + 1]];
                transposed[l] = l > 0 && widths[l + 1] > 1 ? new double[widths[l + 1]][widths[l]] : null;
                supports[l] = new Dense.Support(capacity, widths[l]);
                columns[l] = new Dense.ColumnSupport(capacity, widths[l]);
            }
            deltaSupport = new Dense.Support(capacity, widest);
            labels = new double[capacity];
            scratch = new double[widest];
        }
    }
}
