package org.sbi4j.runtime.config;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * The {@code truncation:} section of a run config: how each round after the first of a sequential run
 * ({@code rounds} above 1) restricts the prior to the current posterior's highest-density region for the observation
 * (the truncated-prior scheme of Deistler et al. 2022, TSNPE).
 */
public final class TruncationSpec implements Settings {
    @Setting("with rounds > 1: the mass outside the highest-density region a later round simulates from; the "
            + "threshold is the epsilon-quantile of log q(θ | x₀) over posterior draws (Deistler et al. 2022: 1e-4)")
    public double epsilon = 1e-4;

    @Setting("with rounds > 1: posterior draws that estimate the epsilon-quantile of the log density, per round")
    public int draws = 20_000;

    @Setting("with rounds > 1: the lowest acceptance rate of the rejection from the prior before the round is "
            + "refused (larger epsilon or fewer rounds widen the region)")
    public double minAcceptance = 1e-4;

    @Override
    public void validate() {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("truncation.epsilon = " + epsilon + " must lie strictly between 0 and "
                    + "1 (the published default is 1e-4)");
        }
        if (draws < 1 || epsilon * draws < 1) {
            throw new IllegalArgumentException("truncation.draws = " + draws + " must be at least 1 / epsilon = "
                    + (long) Math.ceil(1 / epsilon) + ", or the epsilon-quantile is not estimated");
        }
        if (!(minAcceptance > 0 && minAcceptance <= 1)) {
            throw new IllegalArgumentException("truncation.min-acceptance = " + minAcceptance + " must lie in (0, 1]");
        }
    }
}
