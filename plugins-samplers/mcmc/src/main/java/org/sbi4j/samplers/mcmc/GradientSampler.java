package org.sbi4j.samplers.mcmc;

import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.SbiException;
import org.sbi4j.spi.Setting;

/** A sampler that follows the target's gradient ({@code hmc}, {@code nuts}): refuses a target without one. */
abstract class GradientSampler extends ChainSampler {

    /** Settings of the gradient samplers: the step size's target acceptance on top of the shared ones. */
    public static class Settings extends ChainSettings {
        @Setting("mean acceptance probability the step size adapts to during warm-up, in (0, 1); raise it towards "
                + "0.95 when iterations diverge")
        public double targetAcceptance = 0.8;

        @Setting("restart stuck chains during warm-up: at the end of the initial buffer and of each slow window a "
                + "chain whose log density is more than 25 + 5·sqrt(d / 2) below the chains' median (stranded far "
                + "from the posterior, it would also hold up every batched iteration) takes over another chain's "
                + "position and step size, and the window's scales are estimated without it; fewer than 4 chains "
                + "never restart")
        public boolean restartStuckChains = true;

        @Override
        public void validate() {
            super.validate();
            requireOpenUnit("target-acceptance", targetAcceptance);
        }
    }

    GradientSampler(String name, Settings settings, KernelFactory kernels) {
        super(name, settings, kernels);
    }

    @Override
    public boolean needsGradient() {
        return true;
    }

    /** Refuses a target without a gradient, naming the samplers that need none. */
    @Override
    void check(SamplingProblem problem) {
        if (!problem.target().hasGradient()) {
            throw SbiException.userError("sampler '" + name() + "' needs the gradient of the target density, but "
                    + "this target has none (the prior or the likelihood cannot differentiate); choose sampler "
                    + "metropolis-hastings or slice, which need only the density");
        }
    }
}
