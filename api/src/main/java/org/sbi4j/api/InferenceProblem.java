package org.sbi4j.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What an estimator is asked to solve: a prior, a simulator and, when the estimator declared
 * {@link Capability#SIMULATIONS}, a bank of simulations drawn from that prior.
 */
public final class InferenceProblem {
    private final Prior prior;
    private final Simulator simulator;
    private final Simulations simulations;

    /**
     * Creates a problem.
     *
     * @param prior the prior over θ
     * @param simulator the simulator
     * @param simulations simulations from the prior, or {@code null} when none were requested
     */
    public InferenceProblem(Prior prior, Simulator simulator, Simulations simulations) {
        this.prior = requireNonNull(prior, "prior is null");
        this.simulator = requireNonNull(simulator, "simulator is null");
        this.simulations = simulations;
        if (prior.dimension() != simulator.parameterNames().size()) {
            throw new IllegalArgumentException("the prior has " + prior.dimension()
                    + " parameters but the simulator expects " + simulator.parameterNames().size());
        }
    }

    /** The prior. */
    public Prior prior() {
        return prior;
    }

    /** The simulator. */
    public Simulator simulator() {
        return simulator;
    }

    /** The simulated training pairs, present when the estimator declared {@link Capability#SIMULATIONS}. */
    public Optional<Simulations> simulations() {
        return Optional.ofNullable(simulations);
    }

    /**
     * The simulations, or a clear error when the estimator forgot to declare the capability.
     *
     * @return the simulations
     */
    public Simulations requireSimulations() {
        if (simulations == null) {
            throw new IllegalStateException("no simulations: the estimator must declare Capability.SIMULATIONS");
        }
        return simulations;
    }

    /** The likelihood of the simulator, or an error naming the missing capability. */
    public Likelihood requireLikelihood() {
        if (simulator instanceof Likelihood) {
            return (Likelihood) simulator;
        }
        throw new SbiException(ErrorType.USER_ERROR, "the simulator " + simulator.getClass().getSimpleName()
                + " has no tractable likelihood, which this estimator needs; choose a simulator that "
                + "implements Likelihood or an estimator that needs only simulations");
    }
}
