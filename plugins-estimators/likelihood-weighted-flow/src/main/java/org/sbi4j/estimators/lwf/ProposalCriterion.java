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
     * The criterion of a fit (lower is better).
     *
     * @param meanLogLikelihood weighted mean log-likelihood of the points
     * @param parameters free parameters of the fit
     * @param n effective sample size of the points
     * @return the criterion
     */
    double score(double meanLogLikelihood, int parameters, double n) {
        double penalty = this == BIC ? Math.log(n) : 2;
        return -2 * n * meanLogLikelihood + parameters * penalty;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
