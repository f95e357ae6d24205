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
        requireBetween("chains", chains, 1, Integer.MAX_VALUE);
        requireBetween("warm-up", warmUp, 0, 10_000_000);
        requireBetween("thin", thin, 1, Integer.MAX_VALUE);
        requireBetween("start-candidates", startCandidates, chains, Integer.MAX_VALUE);
        requireBetween("min-draws-per-chain", minDrawsPerChain, 4, Integer.MAX_VALUE);
    }

    /** Refuses an integer setting outside [lo, hi], naming the key, the value and the range. */
    static void requireBetween(String key, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(key + " = " + value + (hi == Integer.MAX_VALUE
                    ? " must be at least " + lo : " must be between " + lo + " and " + hi));
        }
    }

    /** Refuses a probability setting outside the open interval (0, 1). */
    static void requireOpenUnit(String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(key + " = " + value + " must be in (0, 1)");
        }
    }
}
