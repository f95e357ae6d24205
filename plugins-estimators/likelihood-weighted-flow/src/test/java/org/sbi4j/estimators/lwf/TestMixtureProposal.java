package org.sbi4j.estimators.lwf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.testing.SeededRandom;

/**
 * The population-Monte-Carlo proposal: it is a normalised density that draws match, it finds both modes of a
 * bimodal posterior from a pool of prior draws and tightens on them as draws accumulate, and it reaches the
 * prior's bound when a mode is cut by it.
 */
class TestMixtureProposal {
    private static final double ALPHA = 0.2;

    /** Two modes at ±1.5 (first coordinate) and 0.5 (second), each N(·, 0.1²), prior U(−3, 3)². */
    private static double logLikelihood(double[] t) {
        double a = -0.5 * (Math.pow((t[0] - 1.5) / 0.1, 2) + Math.pow((t[1] - 0.5) / 0.1, 2));
        double b = -0.5 * (Math.pow((t[0] + 1.5) / 0.1, 2) + Math.pow((t[1] - 0.5) / 0.1, 2));
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    private static double[] logLikelihoods(double[][] theta) {
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            out[i] = logLikelihood(theta[i]);
        }
        return out;
    }

    private static double[] logPriors(BoxUniformPrior prior, ThetaBijection bijection, double[][] theta) {
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            out[i] = bijection.inSupport(theta[i]) ? prior.logDensity(theta[i]) : Double.NEGATIVE_INFINITY;
        }
        return out;
    }

    /** Adds n draws of α·prior + (1 − α)·proposal to the pool, as the estimator does; returns their own ESS. */
    private static DrawPool step(DrawPool pool, java.util.List<MixtureProposal> earlier, MixtureProposal proposal,
                                 BoxUniformPrior prior, ThetaBijection bijection, int n, UniformRandomProvider rng,
                                 double[] essOut) {
        double[][] theta = new double[n][];
        for (int i = 0; i < n; i++) {
            theta[i] = rng.nextDouble() < ALPHA ? prior.sample(1, rng)[0] : proposal.sample(1, rng)[0];
        }
        double[] logQ = proposal.logDensity(theta);
        double[] logPrior = logPriors(prior, bijection, theta);
        double[] logL = logLikelihoods(theta);
        double[] ratio = new double[n];
        for (int i = 0; i < n; i++) {
            ratio[i] = logPrior[i] - Math.log(ALPHA * Math.exp(logPrior[i]) + (1 - ALPHA) * Math.exp(logQ[i]));
        }
        essOut[0] = WeightedDraws.weigh(theta, logL, ratio, false, 1, Integer.MAX_VALUE, rng).ess();
        double[][] newLogPilots = new double[earlier.size() + 1][];
        for (int c = 0; c < earlier.size(); c++) {
            newLogPilots[c] = earlier.get(c).logDensity(theta);
        }
        newLogPilots[earlier.size()] = logQ;
        return pool.plus(theta, logL, logPrior, newLogPilots, proposal.logDensity(pool.theta()));
    }

    @Test
    void findsBothModesAndTightensOnThemWithinAFewSteps() {
        BoxUniformPrior prior = BoxUniformPrior.cube(2, -3, 3);
        ThetaBijection bijection = ThetaBijection.forPrior(prior);
        UniformRandomProvider rng = SeededRandom.of(5);
        double[][] theta = prior.sample(1000, rng);
        DrawPool pool = DrawPool.ofPrior(theta, logLikelihoods(theta), logPriors(prior, bijection, theta));
        java.util.List<MixtureProposal> fitted = new java.util.ArrayList<>();
        double[] ess = new double[1];
        double[] history = new double[4];
        for (int s = 0; s < history.length; s++) {
            MixtureProposal proposal = MixtureProposal.fit(pool, ALPHA, 100, true, ProposalCriterion.BIC, prior,
                    bijection, rng);
            pool = step(pool, fitted, proposal, prior, bijection, 500, rng, ess);
            fitted.add(proposal);
            history[s] = ess[0];
        }
        assertThat(fitted.get(0).beta()).as("the first fit is tempered: the prior draws have an ESS of a few")
                .isLessThan(1);
        assertThat(fitted.get(3).beta()).as("the last one sees the posterior itself").isEqualTo(1.0);
        // an exact fit would give (1 − α)·500 = 400
        assertThat(history[3]).as("ESS of the last 500 draws, history %s", java.util.Arrays.toString(history))
                .isGreaterThan(250);
        double[][] draws = fitted.get(3).sample(10_000, SeededRandom.of(6));
        int right = 0;
        for (double[] t : draws) {
            right += t[0] > 0 ? 1 : 0;
        }
        assertThat(right / 1e4).as("share of the right-hand mode (exact 0.5)").isBetween(0.4, 0.6);
    }

    @Test
    void isANormalisedDensityMatchingItsDraws() {
        BoxUniformPrior prior = BoxUniformPrior.cube(1, -10, 10);
        ThetaBijection bijection = ThetaBijection.forPrior(prior);
        UniformRandomProvider rng = SeededRandom.of(7);
        double[][] theta = new double[400][];
        double[] logL = new double[400];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = new double[] {-4 + 8.0 * i / theta.length};
            logL[i] = -0.5 * Math.pow((theta[i][0] - 1) / 0.5, 2) + Math.log(1 + 3 * (theta[i][0] < 0 ? 1 : 0));
        }
        DrawPool pool = DrawPool.ofPrior(theta, logL, logPriors(prior, bijection, theta));
        MixtureProposal proposal = MixtureProposal.fit(pool, ALPHA, 100, false, ProposalCriterion.BIC, prior,
                bijection, rng);
        double integral = 0;
        double h = 1e-3;
        for (double t = -10 + h / 2; t < 10; t += h) {
            integral += Math.exp(proposal.logDensity(new double[][] {{t}})[0]) * h;
        }
        assertThat(integral).isCloseTo(1.0, within(1e-3));
        double[][] draws = proposal.sample(20_000, SeededRandom.of(8));
        double below = 0;
        double mass = 0;
        for (double t = -10 + h / 2; t < 0.5; t += h) {
            mass += Math.exp(proposal.logDensity(new double[][] {{t}})[0]) * h;
        }
        for (double[] t : draws) {
            below += t[0] < 0.5 ? 1 : 0;
        }
        // binomial s.e. ≤ 0.0036 at 20,000 draws: 4 s.e.
        assertThat(below / draws.length).isCloseTo(mass, within(0.015));
    }

    @Test
    void aModeCutByTheBoundIsProposedUpToTheBound() {
        BoxUniformPrior prior = BoxUniformPrior.cube(1, -3, 3);
        ThetaBijection bijection = ThetaBijection.forPrior(prior);
        double[][] theta = prior.sample(4000, SeededRandom.of(9));
        double[] logL = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            logL[i] = -0.5 * Math.pow((theta[i][0] - 2.98) / 0.02, 2);
        }
        DrawPool pool = DrawPool.ofPrior(theta, logL, logPriors(prior, bijection, theta));
        MixtureProposal proposal = MixtureProposal.fit(pool, ALPHA, 20, true, ProposalCriterion.BIC, prior,
                bijection, SeededRandom.of(10));
        double[][] draws = proposal.sample(20_000, SeededRandom.of(11));
        int nearBound = 0;
        for (double[] t : draws) {
            nearBound += t[0] > 3 - 1e-3 && t[0] < 3 ? 1 : 0;
        }
        // a density that stays finite at the bound: of the order of 1e-3 / (width ≈ 0.03) of the draws
        assertThat(nearBound / 2e4).as("draws within 10⁻³ of the bound").isGreaterThan(0.005);
    }

    @Test
    void withoutUsableDrawsTheProposalIsThePrior() {
        BoxUniformPrior prior = BoxUniformPrior.cube(2, -3, 3);
        ThetaBijection bijection = ThetaBijection.forPrior(prior);
        double[][] theta = prior.sample(10, SeededRandom.of(12));
        double[] logL = new double[10];
        java.util.Arrays.fill(logL, Double.NEGATIVE_INFINITY);
        DrawPool pool = DrawPool.ofPrior(theta, logL, logPriors(prior, bijection, theta));
        MixtureProposal proposal = MixtureProposal.fit(pool, ALPHA, 100, true, ProposalCriterion.BIC, prior,
                bijection, SeededRandom.of(13));
        assertThat(proposal.components()).isZero();
        assertThat(proposal.logDensity(new double[][] {{0.5, -1}})[0]).isCloseTo(-Math.log(36), within(1e-12));
    }

    /**
     * With the same points and seed, both criteria see the same EM fits for every K; AIC's penalty (2 per
     * parameter) is below BIC's (ln n) once n > e², so it never picks fewer components. Here points on a ring (no
     * Gaussian fits it, so every extra component helps a little) counted as n = 40 effective points: BIC stops
     * early, AIC keeps more components.
     */
    @Test
    void aicKeepsMoreComponentsThanBic() {
        UniformRandomProvider rng = SeededRandom.of(14);
        double[][] u = new double[400][];
        for (int i = 0; i < u.length; i++) {
            double a = 2 * Math.PI * rng.nextDouble();
            double r = 2 + 0.2 * (rng.nextDouble() - 0.5);
            u[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        double[] w = new double[u.length];
        java.util.Arrays.fill(w, 1.0);
        int bic = MixtureProposal.select(u, w, 40, ProposalCriterion.BIC, SeededRandom.of(15)).components();
        int aic = MixtureProposal.select(u, w, 40, ProposalCriterion.AIC, SeededRandom.of(15)).components();
        assertThat(aic).isGreaterThan(bic);
        assertThat(ProposalCriterion.AIC.penaltyPerParameter(100)).isEqualTo(2.0);
        assertThat(ProposalCriterion.BIC.penaltyPerParameter(100)).isCloseTo(Math.log(100), within(1e-12));
    }
}
