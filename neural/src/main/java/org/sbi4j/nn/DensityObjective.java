package org.sbi4j.nn;

import java.util.function.Supplier;

/**
 * Maximum-likelihood objective of a {@link ConditionalDensityModel}: the (optionally weighted) mean negative
 * log-likelihood of θ given x. Data are packed once into flat arrays; each batch is copied into reusable
 * {@link Mat} workspaces, so a step allocates nothing.
 */
public final class DensityObjective implements TrainingObjective {

    private final ConditionalDensityModel model;
    private final double[] theta;
    private final double[] x;
    private final double[] weights;
    private final int size;
    private final int dTheta;
    private final int dx;
    private Supplier<ConditionalDensityModel> copies;
    private Mat thetaBatch;
    private Mat xBatch;
    private double[] batchWeights;
    private double[] logq;
    private int capacity;

    /**
     * An objective over paired rows.
     *
     * @param model the model (its coordinates: standardised θ and x)
     * @param theta rows of θ
     * @param x rows of x (ignored when the model is unconditional; may then be {@code null})
     * @param weights per-row weights or {@code null} (e.g. likelihood weights, normalised by the caller)
     */
    public DensityObjective(ConditionalDensityModel model, double[][] theta, double[][] x, double[] weights) {
        this.model = model;
        this.size = theta.length;
        this.dTheta = model.thetaDim();
        this.dx = model.contextDim();
        if (dx > 0 && (x == null || x.length != size)) {
            throw new IllegalArgumentException("need " + size + " rows of x");
        }
        if (weights != null && weights.length != size) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries, expected " + size);
        }
        this.theta = Mats.flatten(theta, dTheta);
        this.x = dx > 0 ? Mats.flatten(x, dx) : null;
        this.weights = weights == null ? null : weights.clone();
        this.copies = null;
    }

    /**
     * An objective over paired rows that can be split into shards computed on several threads.
     *
     * @param model the model (its coordinates: standardised θ and x)
     * @param copies makes an independent model with the same architecture (its parameters are overwritten
     *     before every step), one per extra shard
     * @param theta rows of θ
     * @param x rows of x (ignored when the model is unconditional; may then be {@code null})
     * @param weights per-row weights or {@code null}
     */
    public DensityObjective(ConditionalDensityModel model, Supplier<ConditionalDensityModel> copies,
                            double[][] theta, double[][] x, double[] weights) {
        this(model, theta, x, weights);
        this.copies = copies;
    }

    private DensityObjective(DensityObjective data, ConditionalDensityModel model) {
        this.model = model;
        this.size = data.size;
        this.dTheta = data.dTheta;
        this.dx = data.dx;
        // read-only after construction, so the shards share them
        this.theta = data.theta;
        this.x = data.x;
        this.weights = data.weights;
        this.copies = null;
    }

    @Override
    public TrainingObjective newShard() {
        return copies == null ? null : new DensityObjective(this, copies.get());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ParameterSet parameters() {
        return model.parameters();
    }

    @Override
    public void prepare(int maxBatch) {
        if (maxBatch <= capacity) {
            return;
        }
        capacity = maxBatch;
        Precision p = model.parameters().precision();
        thetaBatch = Mat.zeros(p, maxBatch, dTheta);
        xBatch = dx > 0 ? Mat.zeros(p, maxBatch, dx) : null;
        batchWeights = new double[maxBatch];
        logq = new double[maxBatch];
        model.ensureCapacity(maxBatch);
    }

    private int load(int[] rows, int from, int to) {
        int n = to - from;
        prepare(n);
        Buffer tb = thetaBatch.buffer();
        for (int i = 0; i < n; i++) {
            int row = rows[from + i];
            for (int j = 0; j < dTheta; j++) {
                tb.set(i * dTheta + j, theta[row * dTheta + j]);
            }
            if (dx > 0) {
                Buffer xb = xBatch.buffer();
                for (int j = 0; j < dx; j++) {
                    xb.set(i * dx + j, x[row * dx + j]);
                }
            }
            batchWeights[i] = weights == null ? 1.0 : weights[row];
        }
        return n;
    }

    @Override
    public double lossAndGradient(int[] rows, int from, int to) {
        int n = load(rows, from, to);
        return model.lossAndGradient(thetaBatch, xBatch, weights == null ? null : batchWeights, n);
    }

    @Override
    public double loss(int[] rows, int from, int to) {
        int n = load(rows, from, to);
        model.logDensity(thetaBatch, xBatch, n, logq);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s -= batchWeights[i] * logq[i];
        }
        return s / n;
    }
}
