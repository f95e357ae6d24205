package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A trainable conditional density q(θ | x) on {@link Mat} batches, in the model's own (standardised,
 * unconstrained) coordinates: a {@link ConditionalFlow} or a {@link MixtureDensityNetwork}. Implementations
 * own reusable workspaces and are not thread-safe; use one instance per thread. {@link ConditionalDensity}
 * wraps a model with the θ bijection and standardisation and offers a {@code double[][]} API.
 */
public interface ConditionalDensityModel {

    /** Dimension of θ. */
    int thetaDim();

    /** Dimension of the conditioning input x (0 for an unconditional model). */
    int contextDim();

    /** All trainable parameters (one flat buffer) and their gradients. */
    ParameterSet parameters();

    /** Grows workspaces to hold {@code n} rows (done automatically; call it up front to avoid it mid-run). */
    void ensureCapacity(int n);

    /**
     * log q(θ_r | x_r) for each row.
     *
     * @param theta {@code n × thetaDim}
     * @param context {@code n × contextDim}, or {@code null} when {@code contextDim() == 0}
     * @param n rows
     * @param out per row, log q is WRITTEN
     */
    void logDensity(Mat theta, Mat context, int n, double[] out);

    /**
     * Mean weighted negative log-likelihood {@code −(1/n) Σ w_r log q(θ_r | x_r)}, and its gradient with
     * respect to every parameter ACCUMULATED into {@code parameters().gradients()}.
     *
     * @param theta {@code n × thetaDim}
     * @param context {@code n × contextDim} or {@code null}
     * @param weights per-row weights, or {@code null} for all 1
     * @param n rows
     * @return the loss
     */
    double lossAndGradient(Mat theta, Mat context, double[] weights, int n);

    /**
     * Draws θ_r ~ q(· | x_r) for each row.
     *
     * @param context {@code n × contextDim} or {@code null}
     * @param n rows
     * @param rng randomness
     * @param out destination {@code n × thetaDim}
     * @param logDensity if not {@code null}, log q of each draw is WRITTEN here
     */
    void sample(Mat context, int n, UniformRandomProvider rng, Mat out, double[] logDensity);
}
