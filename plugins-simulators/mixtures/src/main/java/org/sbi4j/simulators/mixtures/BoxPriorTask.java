package org.sbi4j.simulators.mixtures;

import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.prior.BoxUniformPrior;

/**
 * What the tasks of this plugin share: d parameters θⱼ and d data xⱼ, the box prior U(−B, B)^d, a Gaussian noise
 * standard deviation, and an exact posterior per observation (its density evaluations reuse the last observation's
 * prepared posterior).
 *
 * @param <P> the task's exact posterior
 */
abstract class BoxPriorTask<P extends ExactPosterior> implements Simulator, Likelihood, AnalyticPosterior {
    /** The task name, used in messages. */
    final String task;
    /** d. */
    final int dimension;
    /** The noise standard deviation. */
    final double sd;
    /** B. */
    final double bound;
    private final List<String> parameterNames;
    private final List<String> dataNames;
    private final BoxUniformPrior prior;
    private final ObservationCache<P> cache = new ObservationCache<>();

    /**
     * @param task the task name
     * @param dimension d, at least 1 (checked by the caller)
     * @param sd the noise standard deviation, positive
     * @param bound B of the prior U(−B, B)^d, positive
     */
    BoxPriorTask(String task, int dimension, double sd, double bound) {
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException(task + ": sd = " + sd + " must be positive and finite");
        }
        if (!(bound > 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException(task + ": bound = " + bound + " must be positive and finite");
        }
        this.task = task;
        this.dimension = dimension;
        this.sd = sd;
        this.bound = bound;
        this.parameterNames = Names.parameters(dimension);
        this.dataNames = Names.data(dimension);
        this.prior = BoxUniformPrior.cube(dimension, -bound, bound);
    }

    /** The noise standard deviation (s of the modes, σ of sign-symmetric). */
    public double sd() {
        return sd;
    }

    /** The prior half-width B. */
    public double bound() {
        return bound;
    }

    /** Always: every task here gives the gradient of its exact likelihood. */
    @Override
    public boolean hasGradient() {
        return true;
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public List<String> dataNames() {
        return dataNames;
    }

    @Override
    public Optional<Prior> defaultPrior() {
        return Optional.of(prior);
    }

    /**
     * The exact posterior for one observation under the default prior (each task declares it with its own return
     * type, so that code compiled against the task's class keeps linking).
     *
     * @param observation x₀, finite, of length d
     * @return the prepared posterior
     */
    public abstract P posterior(double[] observation);

    @Override
    public double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng) {
        if (n < 0) {
            throw new IllegalArgumentException(task + ": n = " + n + " posterior draws requested, must be >= 0");
        }
        return posterior(observation).sample(n, rng);
    }

    /**
     * Always: the offset mixtures' density is the closed form of the truncated Gaussian mixture, sign-symmetric's is
     * normalised by 1-D adaptive Gauss–Kronrod quadrature per coordinate (relative error estimate 1e-13).
     */
    @Override
    public boolean hasPosteriorDensity() {
        return true;
    }

    @Override
    public double posteriorLogDensity(double[] theta, double[] observation) {
        return cache.get(observation, this::posterior).logDensity(theta);
    }
}
