package org.sbi4j.estimators.lwf;

import java.util.Locale;

/** How the mixture proposal picks its number of components (setting {@code proposal-criterion}). */
public enum ProposalCriterion {
    /** Bayesian information criterion, penalty p·ln n: the fewest components the draws support. */
    BIC,
    /**
     * Akaike information criterion, penalty 2p: more components for the same draws. For a proposal an extra
     * component costs a few draws, a missing one costs a mode.
     */
    AIC;

    /**
     * What each free parameter of a fit adds to the criterion −2·n·(mean log-likelihood) + p·penalty.
     *
     * @param n effective sample size of the points
     * @return ln n for BIC, 2 for AIC
     */
    double penaltyPerParameter(double n) {
        return this == BIC ? Math.log(n) : 2;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
