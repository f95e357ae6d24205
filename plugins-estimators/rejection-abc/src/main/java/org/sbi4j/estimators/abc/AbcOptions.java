package org.sbi4j.estimators.abc;

import static java.util.Objects.requireNonNull;

import org.sbi4j.api.SbiException;

/**
 * An immutable copy of validated {@link RejectionAbcSettings}.
 *
 * @param keep number of closest simulations kept, or 0 when selecting by quantile or by the default
 * @param quantile share of the bank kept, or 0
 * @param kde whether to sample a KDE rather than resample the kept parameters
 * @param bandwidth KDE bandwidth rule
 * @param scale data scaling before the distance
 */
record AbcOptions(int keep, double quantile, boolean kde, KdeBandwidth bandwidth, DataScale scale) {

    AbcOptions {
        requireNonNull(bandwidth, "bandwidth is null");
        requireNonNull(scale, "scale is null");
    }

    /** Validates and copies settings. */
    static AbcOptions of(RejectionAbcSettings settings) {
        settings.validate();
        return new AbcOptions(settings.keep, settings.quantile, settings.kde, settings.bandwidth, settings.scale);
    }

    /**
     * How many simulations each observation keeps from a bank of the given size.
     *
     * @param bankSize number of simulations in the bank
     * @return the count, between 1 and {@code bankSize}
     * @throws SbiException when the bank is too small for {@code keep}
     */
    int keptCount(int bankSize) {
        if (bankSize == 0) {
            throw SbiException.userError("rejection-abc: the simulation bank is empty; simulate at least one "
                    + "valid (θ, x) pair");
        }
        if (quantile > 0) {
            return (int) Math.max(1, Math.min(bankSize, Math.floor(quantile * bankSize)));
        }
        int count = keepOrDefault();
        if (count > bankSize) {
            throw SbiException.userError("rejection-abc: keep = " + count
                    + (keep > 0 ? "" : " (the default)") + " exceeds the " + bankSize
                    + " valid simulations in the bank; lower keep, use quantile, or simulate more");
        }
        return count;
    }

    /** The fewest simulations the bank must hold: {@code keep} (100 by default), or 1 when selecting by quantile. */
    int minimumBankSize() {
        return quantile > 0 ? 1 : keepOrDefault();
    }

    private int keepOrDefault() {
        return keep > 0 ? keep : RejectionAbcSettings.DEFAULT_KEEP;
    }
}
