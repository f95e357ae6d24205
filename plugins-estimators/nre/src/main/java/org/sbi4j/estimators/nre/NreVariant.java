package org.sbi4j.estimators.nre;

/** The classification task the ratio is learned from. */
public enum NreVariant {
    /**
     * NRE-A (AALR, Hermans et al. 2020): binary cross-entropy of each joint pair (θᵢ, xᵢ) against one marginal
     * pair (θⱼ, xᵢ) from the same batch; balanced classes, so the logit is log r(x | θ).
     */
    A,
    /**
     * NRE-B (Durkan et al. 2020): pick the joint θ among K atoms; the logit is log r(x | θ) plus a constant in x,
     * which cancels in a Markov chain at fixed x but makes the calibration check meaningless.
     */
    B,
    /**
     * NRE-C (Miller et al. 2022): K + 1 classes, "θₖ is the joint one" for k = 1…K or "none is", with odds γ of a
     * joint class; normalised again, so the logit is log r(x | θ).
     */
    C;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
