package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.ode.OdeFunction;

/**
 * The ODE right-hand sides of a continuous normalizing flow defined by a {@link VectorFieldNetwork}, for the
 * batched solvers of {@link org.sbi4j.nn.ode}: {@link #velocity()} on states of {@code n × d} (sampling), and
 * {@link #augmented()} / {@link #augmentedHutchinson} on states of {@code n × (d+1)} rows {@code [θ, ℓ]} with
 * {@code dℓ/dt = −div_θ v} (log-density).
 *
 * <p>Sign convention (FMPE, spec §1.4): with {@code dℓ/dt = −div v} the same function serves both directions.
 * Backward from {@code (θ₁, 0)} at t = 1 to t = 0 gives {@code log q(θ₁|x) = log N(θ(0); 0, I) − ℓ(0)};
 * forward from {@code (θ₀, log N(θ₀; 0, I))} gives {@code (θ₁, log q(θ₁|x))} in one pass.
 *
 * <p>The x-context must be set on the network ({@link VectorFieldNetwork#setContext}) for the batch's rows
 * before solving; it stays cached across all evaluations. The state is copied into the network's precision
 * at every evaluation (float32 rounding of θ when the network is float32). One instance per thread.
 */
public final class FlowOde {

    private final VectorFieldNetwork net;
    private final int d;
    private final Divergence divergence;
    private Mat theta;
    private double[] div;

    /** @param net the vector field (its context set for the rows to be integrated) */
    public FlowOde(VectorFieldNetwork net) {
        this.net = net;
        this.d = net.thetaDim();
        this.divergence = new Divergence(net.precision(), d);
    }

    /** {@code dθ/dt = v(t, θ, x)} on {@code n × d} states. */
    public OdeFunction velocity() {
        return (t, y, dy) -> {
            int n = rows(y, d);
            copyOut(evaluate(t, y, d, n, false), dy, d, n);
        };
    }

    /** {@code d[θ, ℓ]/dt = [v, −div_θ v]} on {@code n × (d+1)} states, with the exact divergence (d extra backward passes). */
    public OdeFunction augmented() {
        return (t, y, dy) -> {
            int n = rows(y, d + 1);
            copyOut(evaluate(t, y, d + 1, n, true), dy, d + 1, n);
            divergence.exact(net, n, div);
            negativeDivergenceInto(dy, n);
        };
    }

    /**
     * As {@link #augmented()} with Hutchinson's estimate (fresh Rademacher probes at every evaluation, so an
     * adaptive solver sees a noisy right-hand side: prefer a fixed-step solver with it).
     *
     * @param probes probes per evaluation
     * @param rng probe source
     * @return the right-hand side
     */
    public OdeFunction augmentedHutchinson(int probes, UniformRandomProvider rng) {
        return (t, y, dy) -> {
            int n = rows(y, d + 1);
            copyOut(evaluate(t, y, d + 1, n, true), dy, d + 1, n);
            divergence.hutchinson(net, n, probes, rng, div);
            negativeDivergenceInto(dy, n);
        };
    }

    private static int rows(double[] y, int stride) {
        if (y.length % stride != 0) {
            throw new IllegalArgumentException("state length " + y.length + " is not a multiple of " + stride);
        }
        return y.length / stride;
    }

    /** The field at the states; {@code withBackward}: a divergence's backward passes will follow. */
    private Mat evaluate(double t, double[] y, int stride, int n, boolean withBackward) {
        if (theta == null || theta.rows() < n) {
            theta = Mat.zeros(net.precision(), n, d);
            div = new double[n];
        }
        Buffer tb = theta.buffer();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                tb.set(r * d + j, y[r * stride + j]);
            }
        }
        return withBackward ? net.forward(t, theta, n) : net.forwardValues(t, theta, n);
    }

    private void copyOut(Mat v, double[] dy, int stride, int n) {
        Buffer vb = v.buffer();
        for (int r = 0; r < n; r++) {
            int vi = v.index(r, 0);
            for (int j = 0; j < d; j++) {
                dy[r * stride + j] = vb.get(vi + j);
            }
        }
    }

    private void negativeDivergenceInto(double[] dy, int n) {
        for (int r = 0; r < n; r++) {
            dy[r * (d + 1) + d] = -div[r];
        }
    }
}
