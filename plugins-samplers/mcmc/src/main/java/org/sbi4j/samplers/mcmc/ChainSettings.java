package org.sbi4j.samplers.mcmc;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** Settings every MCMC sampler shares. */
public class ChainSettings implements Settings {
    @Setting("number of chains, at least 1 (4 or more so that R-hat can compare them); all chains move together and "
            + "their density calls are batched")
    public int chains = 4;

    @Setting("warm-up iterations per chain, discarded: the step size, proposal scale or slice width and the "
            + "chain's scales adapt during them, then stay fixed (0 to 10^7)")
    public int warmUp = 1000;

    @Setting("keep every thin-th iteration after warm-up (at least 1); each chain runs thin × ceil(samples / "
            + "chains) iterations so that the samples asked for come out of chains × kept draws")
    public int thin = 1;

    @Setting("proposal draws weighed by target / proposal density to pick the chains' starting points by "
            + "importance resampling (at least the number of chains)")
    public int startCandidates = 1000;

    @Setting("kept draws per chain at least, so that R-hat and the effective sample size mean something; when "
            + "more are kept than samples asked for, the samples are spread evenly over them (at least 4)")
    public int minDrawsPerChain = 100;

    /** Checks the shared settings. */
    @Override
    public void validate() {
        if (chains < 1) {
            throw new IllegalArgumentException("chains = " + chains + " must be at least 1");
        }
        if (warmUp < 0 || warmUp > 10_000_000) {
            throw new IllegalArgumentException("warm-up = " + warmUp + " must be between 0 and 10000000");
        }
        if (thin < 1) {
            throw new IllegalArgumentException("thin = " + thin + " must be at least 1");
        }
        if (startCandidates < chains) {
            throw new IllegalArgumentException("start-candidates = " + startCandidates
                    + " must be at least chains = " + chains);
        }
        if (minDrawsPerChain < 4) {
            throw new IllegalArgumentException("min-draws-per-chain = " + minDrawsPerChain + " must be at least 4");
        }
    }
}
