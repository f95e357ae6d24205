package org.sbi4j.estimators.lwf;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.Prior;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.WeightedGaussianMixture;

/**
 * The adaptive part of one observation's proposal in a population-Monte-Carlo / AMIS step: a Gaussian mixture in
 * θ (standardised per coordinate by the weighted mean and spread of its points), fitted by weighted EM to every
 * draw the observation has had so far, with their deterministic-mixture weights ({@link DrawPool}) tempered — the
 * likelihood raised to β &lt; 1 — just enough that their effective sample size reaches {@code proposal-ess}, so
 * the mixture is wider than the posterior while the good draws are few and tightens on it as they accumulate. K
 * (1…{@value #MAX_COMPONENTS}) is the choice of {@code proposal-criterion} (BIC or AIC) with that ESS as n. When the pool holds too few draws with a
 * positive weight, the proposal is the prior itself.
 *
 * <p>The mixture lives in θ, not in the flow's unconstrained coordinates: a mode cut by a bound of the prior
 * (sign-symmetric modes 0.02 from the box's edge) is then proposed with a density that stays finite up to the
 * bound, so the draws reach the long tail the logit maps that edge to, and the flow is trained there. Fitted in
 * the logit coordinates, the Gaussian tails put almost no draws within 10⁻³ of the bound, the flow was never
 * penalised there, and one such observation cost 40 nats of KL. Draws outside the prior's support get weight zero.
 */
final class MixtureProposal {
    /** Largest K tried. */
    static final int MAX_COMPONENTS = LwfSettings.MAX_AUTO_COMPONENTS;
    /** Most distinct points the EM fit sees (a systematic resample of the pool beyond that). */
    private static final int MAX_POINTS = 4000;
    /** EM seedings per K. */
    private static final int RESTARTS = 2;

    private final Prior prior;
    private final ThetaBijection bijection;
    private final WeightedGaussianMixture.Fit fit;
    private final double[] centre;
    private final double[] scale;
    private final double logScale;
    private final double beta;

    private MixtureProposal(Prior prior, ThetaBijection bijection, WeightedGaussianMixture.Fit fit, double[] centre,
                            double[] scale, double beta) {
        this.prior = prior;
        this.bijection = bijection;
        this.fit = fit;
        this.centre = centre;
        this.scale = scale;
        this.beta = beta;
        double s = 0;
        if (scale != null) {
            for (double v : scale) {
                s += Math.log(v);
            }
        }
        this.logScale = s;
    }

    /**
     * Fits the proposal to an observation's pool.
     *
     * @param pool every draw so far
     * @param alpha the prior's share in the defensive mixtures that drew the pool
     * @param targetEss the fit's points are tempered to this ESS when their own is lower
     * @param temper whether to temper (else the fit sees the untempered weights)
     * @param criterion how K is chosen
     * @param prior the prior (the fallback proposal)
     * @param bijection the prior's support
     * @param rng resampling and EM seeding stream
     * @return the proposal
     */
    static MixtureProposal fit(DrawPool pool, double alpha, double targetEss, boolean temper,
                               ProposalCriterion criterion, Prior prior,
                               ThetaBijection bijection, UniformRandomProvider rng) {
        WeightedDraws points = pool.weigh(alpha, targetEss / 2, MAX_POINTS, temper, rng);
        int d = bijection.dimension();
        if (points.size() < d + 2) {
            return new MixtureProposal(prior, bijection, null, null, null, Double.NaN);
        }
        double[][] u = new double[points.size()][d];
        for (int i = 0; i < u.length; i++) {
            System.arraycopy(points.theta()[i], 0, u[i], 0, d);
        }
        double[] w = points.weights();
        double[] centre = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < u.length; i++) {
            for (int c = 0; c < d; c++) {
                centre[c] += w[i] * u[i][c];
            }
        }
        for (int i = 0; i < u.length; i++) {
            for (int c = 0; c < d; c++) {
                double e = u[i][c] - centre[c];
                scale[c] += w[i] * e * e;
            }
        }
        for (int c = 0; c < d; c++) {
            scale[c] = Math.sqrt(scale[c]) > 0 ? Math.sqrt(scale[c]) : 1;
        }
        for (double[] row : u) {
            for (int c = 0; c < d; c++) {
                row[c] = (row[c] - centre[c]) / scale[c];
            }
        }
        double n = WeightedGaussianMixture.effectiveSize(w);
        WeightedGaussianMixture.Fit fit = n > 2 ? select(u, w, n, criterion, rng)
                : WeightedGaussianMixture.fit(u, w, 1, 1, rng);
        return new MixtureProposal(prior, bijection, fit, centre, scale, points.beta());
    }

    /** The fit of K = 1…{@value #MAX_COMPONENTS} with the lowest criterion at effective size n. */
    static WeightedGaussianMixture.Fit select(double[][] u, double[] w, double n, ProposalCriterion criterion,
                                              UniformRandomProvider rng) {
        return WeightedGaussianMixture.select(u, w, MAX_COMPONENTS, n, criterion.penaltyPerParameter(n), RESTARTS,
                rng).best();
    }

    /** Number of mixture components (0 for the prior fallback). */
    int components() {
        return fit == null ? 0 : fit.components();
    }

    /** The tempering exponent of the points the mixture was fitted to (NaN for the prior fallback). */
    double beta() {
        return beta;
    }

    /**
     * Draws from the mixture, mapped back to θ.
     *
     * @param n number of draws
     * @param rng stream
     * @return the draws
     */
    double[][] sample(int n, UniformRandomProvider rng) {
        if (fit == null) {
            return prior.sample(n, rng);
        }
        int d = centre.length;
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] weights = fit.weights();
        double[][] out = new double[n][d];
        double[] e = new double[d];
        double[] u = new double[d];
        for (int i = 0; i < n; i++) {
            double pick = rng.nextDouble();
            int k = 0;
            while (k < weights.length - 1 && pick >= weights[k]) {
                pick -= weights[k];
                k++;
            }
            for (int c = 0; c < d; c++) {
                e[c] = gauss.sample();
            }
            double[][] l = fit.cholesky()[k];
            for (int r = 0; r < d; r++) {
                double z = fit.means()[k][r];
                for (int c = 0; c <= r; c++) {
                    z += l[r][c] * e[c];
                }
                u[r] = centre[r] + scale[r] * z;
            }
            System.arraycopy(u, 0, out[i], 0, d);
        }
        return out;
    }

    /**
     * log density of the proposal in θ (−∞ outside the prior's support).
     *
     * @param theta points
     * @return log densities
     */
    double[] logDensity(double[][] theta) {
        double[] out = new double[theta.length];
        if (fit == null) {
            for (int i = 0; i < theta.length; i++) {
                out[i] = bijection.inSupport(theta[i]) ? prior.logDensity(theta[i]) : Double.NEGATIVE_INFINITY;
            }
            return out;
        }
        int d = centre.length;
        double[] u = new double[d];
        for (int i = 0; i < theta.length; i++) {
            if (!bijection.inSupport(theta[i])) {
                out[i] = Double.NEGATIVE_INFINITY;
                continue;
            }
            System.arraycopy(theta[i], 0, u, 0, d);
            for (int c = 0; c < d; c++) {
                u[c] = (u[c] - centre[c]) / scale[c];
            }
            double v = fit.logDensity(u) - logScale;
            out[i] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }
        return out;
    }
}
