package org.sbi4j.runtime.config;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * The {@code diagnostics:} section of a run config, also filled from the options of {@code sbi4j diagnose}:
 * which checks run and how large they are. Every check that cannot apply (no reference, no likelihood) is
 * skipped and the report says why.
 */
public final class DiagnosticsSpec implements Settings {
    @Setting("write diagnostics.json, report.html and the plots at the end of 'sbi4j run'")
    public boolean enabled = true;

    @Setting("prior draws for simulation-based calibration (SBC ranks); 0 skips SBC")
    public int sbc = 200;

    @Setting("prior draws for expected coverage and TARP; 0 skips them")
    public int coverage = 200;

    @Setting("posterior draws per calibration simulation (SBC ranks take the values 0..draws)")
    public int draws = 199;

    @Setting("posterior draws simulated for the posterior predictive check of each observation; 0 skips it")
    public int predictive = 500;

    @Setting("compare with reference posterior samples (C2ST, MMD, KL, Wasserstein) where the simulator has them")
    public boolean reference = true;

    @Setting("at most this many samples of each set enter C2ST and the distances to the reference "
            + "(the benchmark command uses 10,000)")
    public int referencePoints = 5_000;

    @Setting("significance level of the calibration tests")
    public double alpha = 0.01;

    @Setting("write every plot as PNG and SVG beside the report")
    public boolean plots = true;

    /** The larger of the SBC and coverage sizes: one joint sample serves both. */
    public int calibrationSimulations() {
        return Math.max(sbc, coverage);
    }

    /**
     * Fewest prior draws for SBC or coverage: the rank test's χ² needs at least two bins of five expected ranks
     * each, and the binomial standard error of a coverage needs five draws inside and five outside the 50% region.
     */
    public static final int MIN_CALIBRATION_SIMULATIONS = 10;
    /**
     * Fewest posterior draws per calibration simulation: a miscalibration is classified by the lowest and the
     * highest 10% of the L + 1 possible ranks, which must hold at least one rank each (L + 1 ≥ 10).
     */
    public static final int MIN_DRAWS = 9;

    @Override
    public void validate() {
        if (sbc < 0 || (sbc > 0 && sbc < MIN_CALIBRATION_SIMULATIONS)) {
            throw new IllegalArgumentException("diagnostics.sbc = " + sbc + " must be 0 (skip) or at least "
                    + MIN_CALIBRATION_SIMULATIONS + ": the rank test needs two bins of five expected ranks");
        }
        if (coverage < 0 || (coverage > 0 && coverage < MIN_CALIBRATION_SIMULATIONS)) {
            throw new IllegalArgumentException("diagnostics.coverage = " + coverage + " must be 0 (skip) or at least "
                    + MIN_CALIBRATION_SIMULATIONS + ": a coverage's standard error needs five draws inside and five "
                    + "outside the 50% region");
        }
        if (draws < MIN_DRAWS) {
            throw new IllegalArgumentException("diagnostics.draws = " + draws + " must be at least " + MIN_DRAWS
                    + ": the verdict compares the lowest and highest 10% of the draws + 1 possible ranks, which "
                    + "must hold a rank each");
        }
        if (predictive < 0 || predictive == 1) {
            throw new IllegalArgumentException("diagnostics.predictive = " + predictive
                    + " must be 0 (skip) or at least 2");
        }
        if (referencePoints < 10) {
            throw new IllegalArgumentException("diagnostics.reference-points = " + referencePoints
                    + " must be at least 10");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("diagnostics.alpha = " + alpha + " must be in (0, 0.5)");
        }
    }
}
