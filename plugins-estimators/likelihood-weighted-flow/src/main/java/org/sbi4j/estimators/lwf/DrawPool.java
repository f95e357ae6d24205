package org.sbi4j.estimators.lwf;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.WeightedGaussianMixture;

/**
 * Every draw one observation has received over the adaptation rounds, with what its deterministic-mixture
 * (balance-heuristic) importance weight needs. Round 0 draws from the prior π; round c ≥ 1 from the defensive
 * mixture g_c = α π + (1 − α) q_c with the proposal q_c of that round (a pilot flow or a {@link MixtureProposal}).
 * Round c draws n_c points, so the pooled draws are a sample of the average proposal ḡ = Σ_c n_c g_c / Σ_c n_c
 * over the R rounds used, and the weight of a draw is w = p(x | θ) π(θ) / ḡ(θ) (Veach and Guibas' balance
 * heuristic, as in multiple importance sampling and AMIS). It is unbiased with every draw kept, and far more stable than each round's own weights
 * p π / g_c, because a draw that one proposal reached by chance is down-weighted by the others that cover it.
 *
 * <p>Only draws with a positive weight are stored (inside the prior support, finite likelihood): the others keep
 * weight zero under every later proposal. Immutable: {@link #plus} returns a new pool.
 *
 * @param theta stored draws
 * @param logLikelihood log p(x | θ) per stored draw
 * @param logPrior log π(θ) per stored draw
 * @param logPilots {@code logPilots[c - 1][i]} = log q_c(θ_i) for the pilot of round c = 1 … R − 1
 * @param drawn n_c, the draws made in round c = 0 … R − 1 (those with weight zero included)
 */
record DrawPool(double[][] theta, double[] logLikelihood, double[] logPrior, double[][] logPilots, int[] drawn) {

    /**
     * The pool after round 0 (prior draws).
     *
     * @param theta the draws
     * @param logLikelihood log p(x | θ_i), −∞ where zero
     * @param logPrior log π(θ_i), −∞ outside the support
     * @return the pool of the draws with a positive weight
     */
    static DrawPool ofPrior(double[][] theta, double[] logLikelihood, double[] logPrior) {
        int[] kept = positive(logLikelihood, logPrior);
        return new DrawPool(select(theta, kept), select(logLikelihood, kept), select(logPrior, kept), new double[0][],
                new int[] {theta.length});
    }

    /** Number of proposals (rounds) that drew into this pool. */
    int rounds() {
        return logPilots.length + 1;
    }

    /** Number of stored draws. */
    int size() {
        return theta.length;
    }

    /**
     * The pool after one more round, drawn from α π + (1 − α) q_new.
     *
     * @param newTheta the round's draws
     * @param newLogLikelihood log p(x | θ) of them
     * @param newLogPrior log π(θ) of them
     * @param newLogPilots {@code [c - 1][i]}: log q_c of the new draws for every pilot c = 1 … R of this pool and
     *     the new one (last row: q_new, the round's own proposal)
     * @param oldLogNewPilot log q_new of this pool's stored draws
     * @return the larger pool
     */
    DrawPool plus(double[][] newTheta, double[] newLogLikelihood, double[] newLogPrior, double[][] newLogPilots,
                  double[] oldLogNewPilot) {
        if (newLogPilots.length != rounds() || oldLogNewPilot.length != size()) {
            throw new IllegalArgumentException("pilot densities for " + newLogPilots.length + " proposals and "
                    + oldLogNewPilot.length + " stored draws; expected " + rounds() + " and " + size());
        }
        int[] kept = positive(newLogLikelihood, newLogPrior);
        int n = size();
        int m = kept.length;
        double[][] t = Arrays.copyOf(theta, n + m);
        double[] ll = Arrays.copyOf(logLikelihood, n + m);
        double[] lp = Arrays.copyOf(logPrior, n + m);
        double[][] pilots = new double[rounds()][];
        for (int c = 0; c < pilots.length; c++) {
            double[] old = c < logPilots.length ? logPilots[c] : oldLogNewPilot;
            pilots[c] = Arrays.copyOf(old, n + m);
            for (int k = 0; k < m; k++) {
                pilots[c][n + k] = newLogPilots[c][kept[k]];
            }
        }
        for (int k = 0; k < m; k++) {
            t[n + k] = newTheta[kept[k]];
            ll[n + k] = newLogLikelihood[kept[k]];
            lp[n + k] = newLogPrior[kept[k]];
        }
        int[] sizes = Arrays.copyOf(drawn, drawn.length + 1);
        sizes[drawn.length] = newTheta.length;
        return new DrawPool(t, ll, lp, pilots, sizes);
    }

    /**
     * log π(θ_i) − log ḡ(θ_i) per stored draw, ḡ the average of the rounds' proposals weighted by their draws.
     *
     * @param alpha the prior's share α in the defensive mixtures
     * @return the log prior-over-proposal ratios
     */
    double[] logPriorOverProposal(double alpha) {
        int r = rounds();
        double[] out = new double[size()];
        double[] g = new double[r];
        double logAlpha = Math.log(alpha);
        double logRest = alpha < 1 ? Math.log1p(-alpha) : Double.NEGATIVE_INFINITY;
        boolean equal = Arrays.stream(drawn).allMatch(v -> v == drawn[0]);
        double[] logShare = new double[r];
        double total = Arrays.stream(drawn).asDoubleStream().sum();
        for (int c = 0; c < r; c++) {
            logShare[c] = Math.log(drawn[c] / total);
        }
        for (int i = 0; i < out.length; i++) {
            g[0] = logPrior[i];
            for (int c = 1; c < r; c++) {
                double a = logAlpha + logPrior[i];
                double b = logRest + logPilots[c - 1][i];
                double max = Math.max(a, b);
                g[c] = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
            }
            if (equal) {
                out[i] = logPrior[i] - (WeightedGaussianMixture.logSumExp(g, r) - Math.log(r));
                continue;
            }
            for (int c = 0; c < r; c++) {
                g[c] += logShare[c];
            }
            out[i] = logPrior[i] - WeightedGaussianMixture.logSumExp(g, r);
        }
        return out;
    }

    /**
     * The pooled draws with their balance-heuristic weights, normalised and compressed for training.
     *
     * @param alpha the prior's share in the defensive mixtures
     * @param minEss the collapse threshold (recorded, not acted on: nothing is tempered)
     * @param cap most rows kept
     * @param rng resampling stream (used only when more than {@code cap} draws have a positive weight)
     * @return the weighted draws; their ESS is the Kish ESS of all pooled draws
     */
    WeightedDraws weigh(double alpha, double minEss, int cap, UniformRandomProvider rng) {
        return weigh(alpha, minEss, cap, false, rng);
    }

    /**
     * The pooled draws with their balance-heuristic weights, optionally tempered.
     *
     * @param alpha the prior's share in the defensive mixtures
     * @param minEss the collapse threshold: with {@code temper}, weights whose ESS is below it are tempered
     *     (likelihood^β) until it reaches twice that
     * @param cap most rows kept
     * @param temper whether collapsed weights are tempered
     * @param rng resampling stream
     * @return the weighted draws; their ESS is the Kish ESS of all pooled draws, untempered
     */
    WeightedDraws weigh(double alpha, double minEss, int cap, boolean temper, UniformRandomProvider rng) {
        return WeightedDraws.weigh(theta, logLikelihood, logPriorOverProposal(alpha), temper, minEss, cap, rng);
    }

    private static int[] positive(double[] logLikelihood, double[] logPrior) {
        int[] kept = new int[logLikelihood.length];
        int m = 0;
        for (int i = 0; i < logLikelihood.length; i++) {
            double v = logLikelihood[i] + logPrior[i];
            if (v > Double.NEGATIVE_INFINITY && !Double.isNaN(v)) {
                kept[m++] = i;
            }
        }
        return Arrays.copyOf(kept, m);
    }

    private static double[][] select(double[][] v, int[] kept) {
        double[][] out = new double[kept.length][];
        for (int k = 0; k < kept.length; k++) {
            out[k] = v[kept[k]];
        }
        return out;
    }

    private static double[] select(double[] v, int[] kept) {
        double[] out = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            out[k] = v[kept[k]];
        }
        return out;
    }
}
