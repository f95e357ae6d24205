package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The conditional flow-matching loss of FMPE (Dax et al. 2023; spec §1.2) for a {@link VectorFieldNetwork} on
 * the Gaussian optimal-transport path: for an example (θ₁, x), a time t ~ p_α, noise θ₀ ~ N(0, I),
 * {@code θ_t = (1 − (1 − σ_min)t)·θ₀ + t·θ₁} and the target {@code u = θ₁ − (1 − σ_min)·θ₀}; the loss is the mean
 * over the batch and the d components of {@code (v(t, θ_t, x) − u)²}.
 *
 * <p><b>Time prior.</b> {@code t = U^{1/(1+α)}} with U uniform, as DINGO's code draws it (density
 * {@code (1+α)·t^α}, more weight near t = 1 where the posterior's detail is resolved; α = 0 is uniform). The
 * paper writes the density as {@code t^{1/(1+α)}}; the two agree only at α = 0 (spec §1.2).
 *
 * <p><b>Validation.</b> The training loss is noisy in t and θ₀, so {@link #loss} (used by {@link Trainer} for the
 * validation split) is deterministic: every example is evaluated at {@value #VALIDATION_TIMES} fixed times, the
 * stratified quantiles {@code ((k + u)/K)^{1/(1+α)}} of the time prior with an offset u fixed per example, each
 * with fixed noise; offset and noise come from a generator seeded by the example's index. Training draws t and
 * θ₀ afresh at every step from the generator given at construction.
 *
 * <p><b>Shards.</b> {@link #beginBatch} draws every row's t and θ₀ for the whole batch, in row order, before the
 * batch is split; each shard ({@link #newShard()}, its own network copy) reads its rows' draws. So the draws, and
 * with them the numbers, depend on the shard count only through the order of the gradient sum, never on the
 * threads.
 *
 * <p>Data are packed once into flat arrays; each batch is copied into reusable workspaces.
 */
public final class FlowMatchingObjective implements TrainingObjective {

    /** Fixed times per example in the validation loss. */
    public static final int VALIDATION_TIMES = 4;

    private final VectorFieldNetwork net;
    private final ParameterSet params;
    private final double[] theta;
    private final double[] x;
    private final int size;
    private final int d;
    private final int dx;
    private final double sigmaMin;
    private final double timeExponent;
    private final UniformRandomProvider noise;
    private final ZigguratSampler.NormalizedGaussian gauss;
    private final long validationSeed;
    private final FlowMatchingObjective parent;
    private final java.util.function.Supplier<ConditionalVectorField> copies;
    private double[] drawnTimes = new double[0];
    private double[] drawnNoise = new double[0];
    private double[] scratch;
    private int drawnFrom = -1;
    private int drawnTo = -1;
    private Mat thetaT;
    private Mat xBatch;
    private Mat grad;
    private double[] times;
    private double[] target;
    private int capacity;

    /**
     * An objective over paired rows in model coordinates.
     *
     * @param net the vector field
     * @param params its parameters
     * @param theta rows of θ (standardised, unconstrained)
     * @param x rows of x (standardised; {@code null} when unconditional)
     * @param sigmaMin σ_min of the path, in [0, 1)
     * @param alpha the time-prior exponent α ≥ 0
     * @param noise the training draws of t and θ₀
     * @param validationSeed seeds the fixed validation times and noise
     */
    public FlowMatchingObjective(VectorFieldNetwork net, ParameterSet params, double[][] theta, double[][] x,
                                 double sigmaMin, double alpha, UniformRandomProvider noise, long validationSeed) {
        this(net, params, theta, x, sigmaMin, alpha, noise, validationSeed, null);
    }

    /**
     * An objective whose batches can be split into shards computed on several threads.
     *
     * @param net the vector field
     * @param params its parameters
     * @param theta rows of θ (standardised, unconstrained)
     * @param x rows of x (standardised; {@code null} when unconditional)
     * @param sigmaMin σ_min of the path, in [0, 1)
     * @param alpha the time-prior exponent α ≥ 0
     * @param noise the training draws of t and θ₀
     * @param validationSeed seeds the fixed validation times and noise
     * @param copies makes an independent field of the same architecture, one per extra shard ({@code null}:
     *     one shard)
     */
    public FlowMatchingObjective(VectorFieldNetwork net, ParameterSet params, double[][] theta, double[][] x,
                                 double sigmaMin, double alpha, UniformRandomProvider noise, long validationSeed,
                                 java.util.function.Supplier<ConditionalVectorField> copies) {
        if (!(sigmaMin >= 0 && sigmaMin < 1) || !(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("need 0 ≤ σ_min < 1 and finite α ≥ 0, got " + sigmaMin + ", " + alpha);
        }
        this.net = net;
        this.params = params;
        this.size = theta.length;
        this.d = net.thetaDim();
        this.dx = net.spec().contextDim;
        if (dx > 0 && (x == null || x.length != size)) {
            throw new IllegalArgumentException("need " + size + " rows of x");
        }
        this.theta = Mats.flatten(theta, d);
        this.x = dx > 0 ? Mats.flatten(x, dx) : null;
        this.sigmaMin = sigmaMin;
        this.timeExponent = 1.0 / (1.0 + alpha);
        this.noise = noise;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(noise);
        this.validationSeed = validationSeed;
        this.parent = null;
        this.copies = copies;
        this.scratch = new double[d];
    }

    private FlowMatchingObjective(FlowMatchingObjective main, ConditionalVectorField copy) {
        this.net = copy.network();
        this.params = copy.parameters();
        this.size = main.size;
        this.d = main.d;
        this.dx = main.dx;
        this.theta = main.theta;
        this.x = main.x;
        this.sigmaMin = main.sigmaMin;
        this.timeExponent = main.timeExponent;
        this.noise = null;
        this.gauss = null;
        this.validationSeed = main.validationSeed;
        this.parent = main;
        this.copies = null;
        this.scratch = new double[d];
    }

    @Override
    public TrainingObjective newShard() {
        return copies == null ? null : new FlowMatchingObjective(this, copies.get());
    }

    @Override
    public void beginBatch(int[] rows, int from, int to) {
        int n = to - from;
        if (drawnTimes.length < n) {
            drawnTimes = new double[n];
            drawnNoise = new double[n * d];
        }
        for (int i = 0; i < n; i++) {
            drawnTimes[i] = Math.pow(noise.nextDouble(), timeExponent);
            for (int j = 0; j < d; j++) {
                drawnNoise[i * d + j] = gauss.sample();
            }
        }
        drawnFrom = from;
        drawnTo = to;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    @Override
    public void prepare(int maxBatch) {
        int rows = maxBatch * VALIDATION_TIMES;
        if (rows <= capacity) {
            return;
        }
        capacity = rows;
        Precision p = params.precision();
        thetaT = Mat.zeros(p, rows, d);
        xBatch = Mat.zeros(p, rows, Math.max(1, dx));
        grad = Mat.zeros(p, rows, d);
        times = new double[rows];
        target = new double[rows * d];
        net.ensureCapacity(rows);
    }

    /** Writes row {@code i} of the batch: θ_t, the target and x for example {@code row} at time t, noise e[e0..]. */
    private void fill(int i, int row, double t, double[] eps, int e0) {
        times[i] = t;
        double keep = 1 - (1 - sigmaMin) * t;
        Buffer tb = thetaT.buffer();
        for (int j = 0; j < d; j++) {
            double e = eps[e0 + j];
            double t1 = theta[row * d + j];
            tb.set(i * d + j, keep * e + t * t1);
            target[i * d + j] = t1 - (1 - sigmaMin) * e;
        }
        if (dx > 0) {
            Buffer xb = xBatch.buffer();
            for (int j = 0; j < dx; j++) {
                xb.set(i * dx + j, x[row * dx + j]);
            }
        }
    }

    /** Mean squared error of the rows against the targets; with {@code withGradient}, dL/dv into {@link #grad}. */
    private double evaluate(int n, boolean withGradient) {
        if (dx > 0) {
            net.setContext(xBatch, n);
        }
        Mat v = net.forward(times, thetaT, n);
        Buffer vb = v.buffer();
        Buffer gb = grad.buffer();
        double scale = 1.0 / ((double) n * d);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int vi = v.index(i, 0);
            for (int j = 0; j < d; j++) {
                double r = vb.get(vi + j) - target[i * d + j];
                sum += r * r;
                if (withGradient) {
                    gb.set(i * d + j, 2 * r * scale);
                }
            }
        }
        return sum * scale;
    }

    @Override
    public double lossAndGradient(int[] rows, int from, int to) {
        int n = to - from;
        prepare(n);
        FlowMatchingObjective draws = parent != null ? parent : this;
        if (parent == null && (from < drawnFrom || to > drawnTo)) {
            // called outside Trainer (no beginBatch for these rows): draw them now, in the same order
            beginBatch(rows, from, to);
        }
        for (int i = 0; i < n; i++) {
            int k = from + i - draws.drawnFrom;
            fill(i, rows[from + i], draws.drawnTimes[k], draws.drawnNoise, k * d);
        }
        if (parent == null && to == drawnTo) {
            drawnFrom = -1;
            drawnTo = -1;
        }
        double loss = evaluate(n, true);
        net.backward(grad, n, false);
        return loss;
    }

    @Override
    public double loss(int[] rows, int from, int to) {
        int n = to - from;
        prepare(n);
        int k = VALIDATION_TIMES;
        for (int i = 0; i < n; i++) {
            int row = rows[from + i];
            UniformRandomProvider fixed = RandomSource.SPLIT_MIX_64.create(validationSeed + 0x9E3779B97F4A7C15L * row);
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(fixed);
            double offset = fixed.nextDouble();
            for (int q = 0; q < k; q++) {
                for (int j = 0; j < d; j++) {
                    scratch[j] = g.sample();
                }
                fill(i * k + q, row, Math.pow((q + offset) / k, timeExponent), scratch, 0);
            }
        }
        return evaluate(n * k, false);
    }
}
