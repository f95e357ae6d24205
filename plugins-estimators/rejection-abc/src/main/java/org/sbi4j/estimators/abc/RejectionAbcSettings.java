package org.sbi4j.estimators.abc;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * Settings of {@code rejection-abc}. Defaults follow sbibm's REJ-ABC: unscaled Euclidean distance, the 100
 * closest simulations kept, a Gaussian KDE on their parameters with a cross-validated isotropic bandwidth. Select either by {@link #keep} or by
 * {@link #quantile}, not both.
 */
public final class RejectionAbcSettings implements Settings {

    /** Number of closest simulations kept when neither {@link #keep} nor {@link #quantile} is set (sbibm). */
    public static final int DEFAULT_KEEP = 100;

    @Setting("number of simulations closest to the observation that are kept, 1 up to the bank size; "
            + "0 (default) keeps " + DEFAULT_KEEP + " unless quantile is set; exclusive with quantile")
    public int keep = 0;

    @Setting("share of the simulation bank kept, closest first, in (0, 1]; 0 (default) = select by keep; "
            + "exclusive with keep")
    public double quantile = 0;

    @Setting("true: sample a Gaussian KDE fitted to the kept parameters (draws outside the prior support are "
            + "redrawn); false: resample the kept parameters uniformly with replacement")
    public boolean kde = true;

    @Setting("KDE bandwidth rule: cv (default, sbibm: isotropic kernel, width by leave-one-out likelihood of the "
            + "kept parameters), scott or silverman (their covariance times the rule's factor squared)")
    public KdeBandwidth bandwidth = KdeBandwidth.CV;

    @Setting("per-component scale of the data before the Euclidean distance: none (sbibm), mad (median "
            + "absolute deviation of the simulated data) or sd (their standard deviation)")
    public DataScale scale = DataScale.NONE;

    @Override
    public void validate() {
        if (keep < 0) {
            throw new IllegalArgumentException("keep = " + keep + " is invalid: it must be at least 1, or 0 for the "
                    + "default of " + DEFAULT_KEEP);
        }
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile = " + quantile + " is invalid: it must lie in (0, 1], "
                    + "or be 0 to select by keep");
        }
        if (keep > 0 && quantile > 0) {
            throw new IllegalArgumentException("keep = " + keep + " and quantile = " + quantile + " are mutually "
                    + "exclusive: set keep (number of closest simulations kept) or quantile (share of the bank "
                    + "kept), not both");
        }
        if (bandwidth == null) {
            throw new IllegalArgumentException("bandwidth is missing: it must be scott, silverman or cv");
        }
        if (scale == null) {
            throw new IllegalArgumentException("scale is missing: it must be none, mad or sd");
        }
    }
}
