package org.sbi4j.api;

/**
 * What an {@link Estimator} needs from the problem. The runtime checks every declared capability before
 * any work starts and names the missing ones.
 */
public enum Capability {
    /** A bank of simulated (θ, x) pairs drawn from the prior, run by the runtime before fitting. */
    SIMULATIONS,
    /** The simulator implements {@link Likelihood}. */
    LIKELIHOOD,
    /** The simulator is a {@link DifferentiableSimulator}. */
    SIMULATOR_GRADIENTS,
    /** The simulator implements {@link Likelihood} with {@link Likelihood#hasGradient()}. */
    LIKELIHOOD_GRADIENT;

    /**
     * Whether {@code simulator} provides this capability.
     *
     * @param simulator the simulator to check
     * @return {@code true} when the capability is available
     */
    public boolean isProvidedBy(Simulator simulator) {
        switch (this) {
            case SIMULATIONS:
                return true;
            case LIKELIHOOD:
                return simulator instanceof Likelihood;
            case SIMULATOR_GRADIENTS:
                return simulator instanceof DifferentiableSimulator;
            case LIKELIHOOD_GRADIENT:
                return simulator instanceof Likelihood likelihood && likelihood.hasGradient();
            default:
                throw new AssertionError(this);
        }
    }
}
