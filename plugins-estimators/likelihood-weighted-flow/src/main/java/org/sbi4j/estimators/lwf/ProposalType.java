package org.sbi4j.estimators.lwf;

import java.util.Locale;

/** How the proposal of the adaptation rounds is built (setting {@code proposal}). */
public enum ProposalType {
    /** {@link #MIXTURE} for one observation, {@link #FLOW} in the amortised mode. */
    AUTO,
    /** A pilot flow q(θ | x) with a Gaussian base, trained on the round's (tempered) draws, shared by all observations. */
    FLOW,
    /** Per observation, a Gaussian mixture fitted by weighted EM to all its earlier draws ({@link MixtureProposal}). */
    MIXTURE;

    /**
     * The proposal a run uses.
     *
     * @param amortised whether the run is amortised
     * @return {@link #FLOW} or {@link #MIXTURE}
     */
    ProposalType resolve(boolean amortised) {
        return this != AUTO ? this : amortised ? FLOW : MIXTURE;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
