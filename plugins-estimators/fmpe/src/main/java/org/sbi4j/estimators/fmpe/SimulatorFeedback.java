package org.sbi4j.estimators.fmpe;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.nn.Adam;
import org.sbi4j.nn.ConditionalVectorField;
import org.sbi4j.nn.ControlNetwork;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.Mat;
import org.sbi4j.nn.ModelCoordinates;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.Standardizer;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.VectorFieldNetwork;
import org.sbi4j.nn.ode.FixedStepSolver;
import org.sbi4j.nn.ode.OdeFunction;
import org.sbi4j.nn.ode.OdeReport;
import org.sbi4j.nn.ode.OdeSolver;

/**
 * Flow matching with simulator feedback (spec §4) on a frozen fmpe field: the control signal at the one-step
 * estimate θ̂₁ = θ_t + (1 − t)·v (model coordinates, mapped back through the standardisation and the θ bijection to
 * the simulator's parameters), the fine-tuning of the {@link ControlNetwork} with the flow-matching loss on
 * t ∈ [t_c, 1], and the controlled right-hand side of sampling. One instance per thread (workspaces).
 *
 * <p><b>Signals.</b> Gradient control: the cost C (−log p(x₀ | θ̂₁) per data value, or the mean squared difference of
 * the simulation and x₀ in the flow's standardised data coordinates) and its gradient g in model coordinates
 * (vector–Jacobian product of the simulator, then the chain rule through the bijection and the standardisation),
 * fed as {@code [sign(C)·log(1 + |C|), log(1 + |g|), g/(1 + |g|)]}. Learned control: the simulation and its
 * difference to x₀, both standardised like the flow's x and clipped to ±{@value #CLIP}, go to the trainable
 * encoder. A simulation that fails (or that the data transform cannot take) gives C = {@value #FAILED_COST} and
 * g = 0, or the clipped value everywhere for the encoder.
 *
 * <p><b>Noise.</b> Fine-tuning draws fresh simulator noise for every example and step. Sampling fixes it per
 * trajectory: a differentiable simulator gets one noise row per draw for the whole solve; any other simulator runs
 * each draw with its own generator, re-created from that draw's seed at every step.
 */
final class SimulatorFeedback {

    /** The cost given to a failed simulation. */
    static final double FAILED_COST = 1e6;
    /** Bound of the standardised data the encoder sees. */
    static final double CLIP = 10.0;

    /** The signal actually computed. */
    enum Signal {
        /** −log-likelihood and its gradient. */
        LIKELIHOOD,
        /** Standardised L2 through a differentiable simulator. */
        L2,
        /** The encoder of the simulation. */
        LEARNED
    }

    /** Runs the simulator at the one-step estimates of a batch, with the noise policy of training or sampling. */
    @FunctionalInterface
    interface Runner {
        /**
         * @param theta {@code n × d} parameters
         * @return the simulations
         */
        SimulationResult simulate(double[][] theta);

        /**
         * Vector–Jacobian products with the noise of the last {@link #simulate}.
         *
         * @param theta the same parameters
         * @param cotangent {@code n × dx}
         * @return {@code n × d}
         */
        default double[][] vectorJacobianProduct(double[][] theta, double[][] cotangent) {
            throw new IllegalStateException("this simulator has no vector-Jacobian products");
        }
    }

    private final FeedbackSettings settings;
    private final Signal signal;
    private final Simulator simulator;
    private final ModelCoordinates coordinates;
    private final DataTransform dataTransform;
    private final int d;
    private final int dx;

    SimulatorFeedback(FeedbackSettings settings, Simulator simulator, ModelCoordinates coordinates,
                      DataTransform dataTransform) {
        this.settings = settings;
        this.signal = resolve(settings, simulator);
        this.simulator = simulator;
        this.coordinates = coordinates;
        this.dataTransform = dataTransform;
        this.d = coordinates.thetaDim();
        this.dx = coordinates.contextDim();
    }

    /**
     * The signal the settings ask for on this simulator, or a user error naming the fix.
     *
     * @param settings the feedback settings (control not none)
     * @param simulator the simulator
     * @return the signal
     */
    static Signal resolve(FeedbackSettings settings, Simulator simulator) {
        if (settings.control == FeedbackSettings.Control.LEARNED) {
            return Signal.LEARNED;
        }
        boolean likelihood = simulator instanceof Likelihood l && l.hasGradient();
        boolean differentiable = simulator instanceof DifferentiableSimulator;
        FeedbackSettings.Cost cost = settings.cost;
        if (cost == FeedbackSettings.Cost.LIKELIHOOD || cost == FeedbackSettings.Cost.AUTO && likelihood) {
            if (!likelihood) {
                throw SbiException.userError("fmpe: feedback.cost = likelihood needs a simulator with a likelihood "
                        + "and its gradient, but " + simulator.getClass().getSimpleName() + " has none; use "
                        + "feedback.cost: l2 (with a differentiable simulator) or feedback.control: learned");
            }
            return Signal.LIKELIHOOD;
        }
        if (!differentiable) {
            throw SbiException.userError("fmpe: feedback.control = gradient needs the gradient of the cost at the "
                    + "one-step estimate, but the simulator (" + simulator.getClass().getSimpleName() + ") is not "
                    + "differentiable (no DifferentiableSimulator) and has no likelihood with a gradient; use "
                    + "feedback.control: learned, which compares the simulation with the observation through a "
                    + "trained encoder and needs no gradients");
        }
        return Signal.L2;
    }

    /** The signal computed. */
    Signal signal() {
        return signal;
    }

    /** The control network's architecture for this problem. */
    ControlNetwork.Shape shape() {
        return signal == Signal.LEARNED
                ? new ControlNetwork.Shape(d, 0, dx, settings.encoderDim, settings.width, settings.depth)
                : new ControlNetwork.Shape(d, 2 + d, 0, 0, settings.width, settings.depth);
    }

    /** Simulator calls (or likelihood-gradient evaluations) per draw of controlled sampling. */
    int callsPerSample() {
        int stages = switch (settings.scheme) {
            case EULER -> 1;
            case MIDPOINT -> 2;
            case RK4 -> 4;
        };
        return settings.steps * stages;
    }

    /**
     * The solver of controlled sampling: {@code plain} (the flow's own solver) from 0 to t_c, then
     * {@code steps} fixed steps of {@code scheme} from t_c to 1, during which {@link #inControlPhase} is true.
     */
    static final class GatedSolver implements OdeSolver {
        private final OdeSolver plain;
        private final FixedStepSolver controlled;
        private final double gate;
        private boolean inControlPhase;

        GatedSolver(OdeSolver plain, FeedbackSettings settings) {
            this.plain = plain;
            this.controlled = new FixedStepSolver(settings.scheme.solver, settings.steps);
            this.gate = settings.gateTime;
        }

        /** Whether the solver is integrating the controlled part [t_c, 1]. */
        boolean inControlPhase() {
            return inControlPhase;
        }

        @Override
        public OdeReport integrate(OdeFunction f, double t0, double t1, double[] y) {
            if (t0 != 0.0 || t1 != 1.0) {
                throw new IllegalArgumentException("controlled sampling integrates from 0 to 1");
            }
            OdeReport first = plain.integrate(f, 0.0, gate, y);
            inControlPhase = true;
            try {
                OdeReport second = controlled.integrate(f, gate, 1.0, y);
                return new OdeReport(first.acceptedSteps() + second.acceptedSteps(),
                        first.rejectedSteps() + second.rejectedSteps(),
                        first.functionEvaluations() + second.functionEvaluations());
            } finally {
                inControlPhase = false;
            }
        }
    }

    /**
     * Writes the control signal of each row into {@code out}.
     *
     * @param uHat one-step estimates, {@code n × d} flat, model coordinates
     * @param x0 the observations each row is compared with, in model coordinates ({@code n × dx} flat)
     * @param x0Raw the same observations as given ({@code n × dx} flat; the likelihood's argument)
     * @param runner the simulator with its noise policy
     * @param out {@code n × inputSignalDim}
     * @param n rows
     */
    void signal(double[] uHat, double[] x0, double[] x0Raw, Runner runner, Mat out, int n) {
        double[][] theta = new double[n][d];
        double[][] slope = new double[n][d];
        Standardizer ts = coordinates.theta();
        ThetaBijection bijection = coordinates.bijection();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double u = ts.invert(j, uHat[r * d + j]);
                theta[r][j] = bijection.toConstrained(j, u);
                double sign = bijection.kind(j) == ThetaBijection.Kind.LOG_UPPER ? -1 : 1;
                slope[r][j] = sign * Math.exp(bijection.logDetToConstrained(j, u)) * ts.scale()[j];
            }
        }
        switch (signal) {
            case LEARNED -> learnedSignal(runner.simulate(theta), x0, out, n);
            case LIKELIHOOD -> likelihoodSignal(theta, slope, x0Raw, out, n);
            case L2 -> l2Signal(theta, slope, x0, runner, out, n);
            default -> throw new AssertionError(signal);
        }
    }

    private void learnedSignal(SimulationResult sims, double[] x0, Mat out, int n) {
        double[] row = new double[dx];
        for (int r = 0; r < n; r++) {
            boolean ok = standardised(sims, r, row);
            for (int j = 0; j < dx; j++) {
                double s = ok ? clip(row[j]) : CLIP;
                out.set(r, j, s);
                out.set(r, dx + j, ok ? clip(s - x0[r * dx + j]) : CLIP);
            }
        }
    }

    private static double clip(double v) {
        return Math.max(-CLIP, Math.min(CLIP, v));
    }

    /** Row r of the simulations in the flow's data coordinates; false when it failed or cannot be transformed. */
    private boolean standardised(SimulationResult sims, int r, double[] row) {
        if (!sims.isValid(r)) {
            return false;
        }
        double[] x = sims.row(r);
        Standardizer xs = coordinates.x();
        for (int j = 0; j < dx; j++) {
            double v = x[j];
            if (dataTransform.logged(j)) {
                if (!(v > 0)) {
                    return false;
                }
                v = Math.log(v);
            }
            row[j] = xs.apply(j, v);
            if (!Double.isFinite(row[j])) {
                return false;
            }
        }
        return true;
    }

    private void likelihoodSignal(double[][] theta, double[][] slope, double[] x0Raw, Mat out, int n) {
        Likelihood likelihood = (Likelihood) simulator;
        double[] x = new double[dx];
        double[] grad = new double[d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x0Raw, r * dx, x, 0, dx);
            double ll = likelihood.logLikelihoodGradient(theta[r], x, grad);
            double cost = -ll / dx;
            for (int j = 0; j < d; j++) {
                grad[j] = -grad[j] / dx * slope[r][j];
            }
            writeCostSignal(out, r, cost, grad);
        }
    }

    private void l2Signal(double[][] theta, double[][] slope, double[] x0, Runner runner, Mat out, int n) {
        SimulationResult sims = runner.simulate(theta);
        double[] row = new double[dx];
        double[] cost = new double[n];
        boolean[] ok = new boolean[n];
        double[][] cotangent = new double[n][dx];
        Standardizer xs = coordinates.x();
        for (int r = 0; r < n; r++) {
            ok[r] = standardised(sims, r, row);
            if (!ok[r]) {
                continue;
            }
            double[] raw = sims.row(r);
            double c = 0;
            for (int j = 0; j < dx; j++) {
                double diff = row[j] - x0[r * dx + j];
                c += diff * diff / dx;
                double dxs = 2 * diff / dx / xs.scale()[j];
                cotangent[r][j] = dataTransform.logged(j) ? dxs / raw[j] : dxs;
            }
            cost[r] = c;
        }
        double[][] grad = runner.vectorJacobianProduct(theta, cotangent);
        double[] g = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                g[j] = ok[r] ? grad[r][j] * slope[r][j] : 0.0;
            }
            writeCostSignal(out, r, ok[r] ? cost[r] : FAILED_COST, g);
        }
    }

    /** [sign(C) log(1+|C|), log(1+|g|), g/(1+|g|)], with C = FAILED_COST and g = 0 when either is not finite. */
    private void writeCostSignal(Mat out, int r, double cost, double[] grad) {
        double norm = 0;
        for (double v : grad) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        boolean finite = Double.isFinite(cost) && Double.isFinite(norm);
        double c = finite ? cost : FAILED_COST;
        out.set(r, 0, Math.signum(c) * Math.log1p(Math.abs(c)));
        out.set(r, 1, finite ? Math.log1p(norm) : 0.0);
        for (int j = 0; j < d; j++) {
            out.set(r, 2 + j, finite ? grad[j] / (1 + norm) : 0.0);
        }
    }

    /** Training: fresh noise for every call (a differentiable simulator's noise is kept for its VJP). */
    Runner trainingRunner(UniformRandomProvider rng) {
        if (simulator instanceof DifferentiableSimulator ds) {
            return new NoiseRunner(ds, null, rng);
        }
        return theta -> simulator.simulate(theta, rng);
    }

    /**
     * Sampling: noise fixed per trajectory for {@code rows} draws, drawn in row order from {@code rng}.
     *
     * @param rows draws in the chunk
     * @param rng the source of the noise (or of the per-draw seeds)
     * @return the runner ({@code null} for the likelihood signal, which does not simulate)
     */
    Runner samplingRunner(int rows, UniformRandomProvider rng) {
        if (signal == Signal.LIKELIHOOD) {
            return null;
        }
        if (simulator instanceof DifferentiableSimulator ds) {
            return new NoiseRunner(ds, ds.sampleNoise(rows, rng), null);
        }
        long[] seeds = new long[rows];
        for (int r = 0; r < rows; r++) {
            seeds[r] = rng.nextLong();
        }
        return theta -> {
            double[][] data = new double[theta.length][];
            boolean[] valid = new boolean[theta.length];
            for (int r = 0; r < theta.length; r++) {
                SimulationResult one = simulator.simulate(new double[][] {theta[r]},
                        RandomSource.XO_RO_SHI_RO_128_PP.create(seeds[r]));
                data[r] = one.row(0);
                valid[r] = one.isValid(0);
            }
            return SimulationResult.of(data, valid);
        };
    }

    /** A differentiable simulator with noise rows: fixed (sampling), or drawn afresh at every call (training). */
    private static final class NoiseRunner implements Runner {
        private final DifferentiableSimulator simulator;
        private final UniformRandomProvider fresh;
        private double[][] noise;

        NoiseRunner(DifferentiableSimulator simulator, double[][] noise, UniformRandomProvider fresh) {
            this.simulator = simulator;
            this.noise = noise;
            this.fresh = fresh;
        }

        @Override
        public SimulationResult simulate(double[][] theta) {
            if (fresh != null) {
                noise = simulator.sampleNoise(theta.length, fresh);
            }
            return simulator.simulate(theta, noise);
        }

        @Override
        public double[][] vectorJacobianProduct(double[][] theta, double[][] cotangent) {
            return simulator.vectorJacobianProduct(theta, noise, cotangent);
        }
    }

    /**
     * The controlled right-hand side of one chunk: the flow's velocity, plus the control's correction while the
     * solver integrates [t_c, 1] (one simulator call per evaluation there, batched over the chunk's rows).
     *
     * @param velocity the flow's right-hand side (x-context set)
     * @param control the control network (not shared with another thread)
     * @param rows rows in the chunk
     * @param x0 the observation in model coordinates
     * @param x0Raw the observation as given
     * @param runner the simulator with noise fixed per row
     * @param solver the solver that will integrate it (tells the phase)
     * @return the right-hand side
     */
    OdeFunction controlled(OdeFunction velocity, ControlNetwork control, int rows, double[] x0, double[] x0Raw,
                           Runner runner, GatedSolver solver) {
        double[] x0Rows = repeat(x0, rows);
        double[] rawRows = repeat(x0Raw, rows);
        double[] uHat = new double[rows * d];
        double[] times = new double[rows];
        Precision p = control.parameters().precision();
        Mat state = Mat.zeros(p, rows, 1 + 2 * d);
        Mat sig = Mat.zeros(p, rows, control.shape().inputSignalDim());
        control.ensureCapacity(rows);
        return (t, y, dy) -> {
            velocity.derivative(t, y, dy);
            if (!solver.inControlPhase()) {
                return;
            }
            for (int i = 0; i < rows * d; i++) {
                uHat[i] = y[i] + (1 - t) * dy[i];
            }
            signal(uHat, x0Rows, rawRows, runner, sig, rows);
            java.util.Arrays.fill(times, t);
            fillState(state, times, dy, y, rows);
            Mat g = control.forward(state, sig, rows);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    dy[r * d + j] += g.get(r, j);
                }
            }
        };
    }

    private static double[] repeat(double[] row, int times) {
        double[] out = new double[row.length * times];
        for (int r = 0; r < times; r++) {
            System.arraycopy(row, 0, out, r * row.length, row.length);
        }
        return out;
    }

    /** Rows [t, v, θ_t] of the control network's main input. */
    private void fillState(Mat state, double[] t, double[] v, double[] theta, int n) {
        for (int r = 0; r < n; r++) {
            state.set(r, 0, t[r]);
            for (int j = 0; j < d; j++) {
                state.set(r, 1 + j, v[r * d + j]);
                state.set(r, 1 + d + j, theta[r * d + j]);
            }
        }
    }

    /** What fine-tuning did. */
    record Tuning(int steps, long simulatorCalls, double firstLoss, double lastLoss, double seconds) {
    }

    /**
     * Fine-tunes the control network with the flow-matching loss on t ∈ [t_c, 1], the field frozen.
     *
     * @param field the pretrained field
     * @param control the control network (trained in place)
     * @param theta training θ, model coordinates
     * @param x training x, model coordinates
     * @param xRaw training x as simulated
     * @param sigmaMin σ_min of the path
     * @param rng batches, times and θ₀
     * @param simulationRng the simulator's noise
     * @param listener progress
     * @return what happened
     */
    Tuning train(ConditionalVectorField field, ControlNetwork control, double[][] theta, double[][] x,
                 double[][] xRaw, double sigmaMin, UniformRandomProvider rng, UniformRandomProvider simulationRng,
                 TrainingListener listener) {
        long start = System.nanoTime();
        int n = settings.batchSize;
        int steps = settings.budget / n;
        VectorFieldNetwork net = field.network();
        Precision fp = net.precision();
        Precision cp = control.parameters().precision();
        Mat xBatch = Mat.zeros(fp, n, Math.max(1, dx));
        Mat thetaT = Mat.zeros(fp, n, d);
        Mat state = Mat.zeros(cp, n, 1 + 2 * d);
        Mat sig = Mat.zeros(cp, n, control.shape().inputSignalDim());
        Mat grad = Mat.zeros(cp, n, d);
        double[] times = new double[n];
        double[] target = new double[n * d];
        double[] ut = new double[n * d];
        double[] v = new double[n * d];
        double[] uHat = new double[n * d];
        double[] x0 = new double[n * dx];
        double[] x0Raw = new double[n * dx];
        control.ensureCapacity(n);
        Adam adam = new Adam(control.parameters(), 5.0);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        Runner runner = trainingRunner(simulationRng);
        double first = 0;
        double last = 0;
        int window = Math.max(1, Math.min(10, steps / 4));
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < n; i++) {
                int row = rng.nextInt(theta.length);
                double t = settings.gateTime + (1 - settings.gateTime) * rng.nextDouble();
                times[i] = t;
                double keep = 1 - (1 - sigmaMin) * t;
                for (int j = 0; j < d; j++) {
                    double e = gauss.sample();
                    ut[i * d + j] = keep * e + t * theta[row][j];
                    target[i * d + j] = theta[row][j] - (1 - sigmaMin) * e;
                    thetaT.set(i, j, ut[i * d + j]);
                }
                for (int j = 0; j < dx; j++) {
                    x0[i * dx + j] = x[row][j];
                    x0Raw[i * dx + j] = xRaw[row][j];
                    xBatch.set(i, j, x[row][j]);
                }
            }
            if (dx > 0) {
                net.setContext(xBatch, n);
            } else {
                net.ensureCapacity(n);
            }
            Mat out = net.forward(times, thetaT, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = out.get(i, j);
                    uHat[i * d + j] = ut[i * d + j] + (1 - times[i]) * v[i * d + j];
                }
            }
            signal(uHat, x0, x0Raw, runner, sig, n);
            fillState(state, times, v, ut, n);
            Mat g = control.forward(state, sig, n);
            double loss = 0;
            double scale = 1.0 / ((double) n * d);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double r = v[i * d + j] + g.get(i, j) - target[i * d + j];
                    loss += r * r * scale;
                    grad.set(i, j, 2 * r * scale);
                }
            }
            control.parameters().zeroGradients();
            control.backward(grad, n);
            adam.step(settings.learningRate);
            if (s < window) {
                first += loss / window;
            }
            if (s >= steps - window) {
                last += loss / window;
            }
            if ((s + 1) % Math.max(1, steps / 10) == 0) {
                listener.onMessage(String.format(Locale.ROOT, "fmpe feedback: step %d/%d, loss %.4f", s + 1, steps,
                        loss));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Tuning(steps, (long) steps * n, first, last, seconds);
    }
}
