package org.sbi4j.estimators.fmpe;

import java.util.Locale;
import org.sbi4j.nn.ode.FixedStepSolver;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * The {@code feedback:} section of {@code fmpe}: flow matching with simulator feedback (spec §4). With
 * {@code control: none} (the default) nothing changes. Otherwise the pretrained flow is frozen and a small control
 * network, fed by simulations at the one-step estimate θ̂₁ = θ_t + (1 − t)·v for t ≥ {@code gate-time}, is
 * fine-tuned with the flow-matching loss on {@code budget} simulator calls; sampling then integrates the plain flow
 * to t_c and the controlled flow from there with {@code steps} fixed steps, and has no tractable density.
 */
public final class FeedbackSettings implements Settings {

    /** How the simulator's answer becomes a control signal. */
    public enum Control {
        /** No feedback: plain fmpe. */
        NONE,
        /** The cost and its gradient through a differentiable simulator (or the likelihood's gradient). */
        GRADIENT,
        /** A trainable encoder compares the simulation with the observation; gradients stop at the simulator. */
        LEARNED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The cost of the gradient control. */
    public enum Cost {
        /** {@code likelihood} when the simulator has a likelihood with a gradient, else {@code l2}. */
        AUTO,
        /** −log p(x₀ | θ̂₁) per data value, with the likelihood's gradient (no simulation needed). */
        LIKELIHOOD,
        /** Mean squared difference of simulation and x₀ in the flow's standardised data coordinates. */
        L2;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The fixed-step scheme of controlled sampling. */
    public enum Scheme {
        /** Forward Euler: one simulator call per step after the gate. */
        EULER(FixedStepSolver.Scheme.EULER),
        /** Explicit midpoint: two per step. */
        MIDPOINT(FixedStepSolver.Scheme.MIDPOINT),
        /** Classical Runge–Kutta: four per step. */
        RK4(FixedStepSolver.Scheme.RK4);

        final FixedStepSolver.Scheme solver;

        Scheme(FixedStepSolver.Scheme solver) {
            this.solver = solver;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Setting("none (plain fmpe, the default), gradient (a DifferentiableSimulator's or likelihood's gradient of "
            + "the cost at the one-step estimate) or learned (an encoder compares the simulation with x0; any "
            + "simulator, also stochastic ones without gradients)")
    public Control control = Control.NONE;

    @Setting("gate time t_c in (0, 1): the control acts, and the simulator is called, only for t >= t_c; it is "
            + "fine-tuned on t uniform in [t_c, 1]")
    public double gateTime = 0.8;

    @Setting("simulator calls spent on fine-tuning the control network (one per training example and step), "
            + ">= batch-size")
    public int budget = 100_000;

    @Setting("training examples per Adam step of the fine-tuning, >= 1")
    public int batchSize = 200;

    @Setting("Adam learning rate of the fine-tuning, > 0")
    public double learningRate = 1e-3;

    @Setting("hidden width of the control network (and of the learned control's encoder), >= 1; 128 with depth 2 "
            + "is about 10% of the default flow's weights")
    public int width = 128;

    @Setting("hidden layers of the control network, >= 1")
    public int depth = 2;

    @Setting("outputs of the learned control's encoder (the width of its signal), >= 1")
    public int encoderDim = 16;

    @Setting("fixed steps from gate-time to 1 of controlled sampling (before the gate fmpe's own solver runs), "
            + "1..100000; the simulator is called once per stage evaluation there: steps x (1 euler, 2 midpoint, "
            + "4 rk4) calls per draw")
    public int steps = 5;

    @Setting("scheme of controlled sampling: euler, midpoint (default) or rk4")
    public Scheme scheme = Scheme.MIDPOINT;

    @Setting("cost of the gradient control: auto (likelihood when the simulator has one with a gradient, else "
            + "l2), likelihood or l2; it enters as sign(C)·log(1 + |C|), its gradient g as log(1 + |g|) and "
            + "g/(1 + |g|), so costs and gradients spanning decades stay bounded")
    public Cost cost = Cost.AUTO;

    /** Whether feedback is on. */
    boolean enabled() {
        return control != null && control != Control.NONE;
    }

    /** Checks the values, naming the key and what it accepts. */
    @Override
    public void validate() {
        check(control != null, "control", "null", "none, gradient or learned");
        check(gateTime > 0 && gateTime < 1, "gate-time", gateTime, "a number in (0, 1), e.g. 0.8");
        check(batchSize >= 1, "batch-size", batchSize, "an integer >= 1");
        check(budget >= batchSize, "budget", budget, "an integer >= batch-size (" + batchSize + ")");
        check(learningRate > 0 && Double.isFinite(learningRate), "learning-rate", learningRate,
                "a finite number > 0, e.g. 0.001");
        check(width >= 1 && width <= 10_000, "width", width, "1..10000");
        check(depth >= 1 && depth <= 20, "depth", depth, "1..20");
        check(encoderDim >= 1 && encoderDim <= 1000, "encoder-dim", encoderDim, "1..1000");
        check(steps >= 1 && steps <= 100_000, "steps", steps, "1..100000");
        check(scheme != null, "scheme", "null", "euler, midpoint or rk4");
        check(cost != null, "cost", "null", "auto, likelihood or l2");
    }

    private static void check(boolean ok, String key, Object value, String allowed) {
        FmpeSettings.check(ok, "feedback." + key, value, allowed);
    }
}
