package org.sbi4j.estimators.lwf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/**
 * The deterministic-mixture (balance-heuristic) weights over every round's draws: the formula on hand-made
 * numbers, and on a 1-D problem with a known posterior that the pooled draws estimate it without bias and with a
 * larger effective sample size than the last round's draws alone.
 */
class TestDrawPool {
    private static final double LOG_PRIOR = -Math.log(10); // U(−5, 5)
    private static final double ALPHA = 0.2;

    @Test
    void theWeightDividesByTheAverageOfTheRoundsProposals() {
        double[][] theta = {{0.5}, {1.5}, {9.0}};
        DrawPool pool = DrawPool.ofPrior(theta, new double[] {-1, -2, -3},
                new double[] {LOG_PRIOR, LOG_PRIOR, Double.NEGATIVE_INFINITY});
        assertThat(pool.size()).as("the draw outside the support is dropped").isEqualTo(2);
        double[] oldLogQ = {Math.log(0.4), Math.log(0.1)};
        double[][] newLogQ = {{Math.log(0.8), Double.NEGATIVE_INFINITY}};
        pool = pool.plus(new double[][] {{1.0}, {2.0}}, new double[] {-0.5, Double.NEGATIVE_INFINITY},
                new double[] {LOG_PRIOR, LOG_PRIOR}, newLogQ, oldLogQ);
        assertThat(pool.size()).as("the draw with zero likelihood is dropped").isEqualTo(3);
        assertThat(pool.rounds()).isEqualTo(2);
        double[] ratio = pool.logPriorOverProposal(ALPHA);
        double[] q = {0.4, 0.1, 0.8};
        for (int i = 0; i < 3; i++) {
            double g1 = ALPHA * 0.1 + (1 - ALPHA) * q[i];
            // round 0 drew 3 points (one outside the support), round 1 two: ḡ = (3 π + 2 g₁) / 5
            double expected = Math.log(0.1 / ((3 * 0.1 + 2 * g1) / 5));
            assertThat(ratio[i]).as("draw %d", i).isCloseTo(expected, within(1e-12));
        }
        assertThat(pool.theta()[2][0]).isEqualTo(1.0);
        assertThat(pool.logLikelihood()[2]).isEqualTo(-0.5);
    }

    @Test
    void roundsOfDifferentSizesWeighTheirProposalsByTheirDraws() {
        double[][] theta = {{0.5}, {1.5}, {2.5}, {3.5}};
        DrawPool pool = DrawPool.ofPrior(theta, new double[] {-1, -2, -3, -4}, constant(4, LOG_PRIOR));
        double[] oldLogQ = {Math.log(0.4), Math.log(0.1), Math.log(0.2), Math.log(0.3)};
        pool = pool.plus(new double[][] {{1.0}}, new double[] {-0.5}, new double[] {LOG_PRIOR},
                new double[][] {{Math.log(0.8)}}, oldLogQ);
        assertThat(pool.drawn()).containsExactly(4, 1);
        double[] ratio = pool.logPriorOverProposal(ALPHA);
        double[] q = {0.4, 0.1, 0.2, 0.3, 0.8};
        for (int i = 0; i < q.length; i++) {
            double g1 = ALPHA * 0.1 + (1 - ALPHA) * q[i];
            double expected = Math.log(0.1 / ((4 * 0.1 + g1) / 5));
            assertThat(ratio[i]).as("draw %d", i).isCloseTo(expected, within(1e-12));
        }
    }

    /**
     * Prior U(−5, 5), likelihood N(θ; 1, 0.2²): the posterior is N(1, 0.2²). Round 0 draws 300 points from the
     * prior; rounds 1 and 2 from α·prior + (1 − α)·N(m, s²) with a too-wide and then a slightly off pilot.
     */
    @Test
    void pooledDrawsEstimateThePosteriorWithMoreEffectivePointsThanTheLastRound() {
        UniformRandomProvider rng = SeededRandom.of(4);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int m = 300;
        double[][] pilots = {{1.3, 1.0}, {0.9, 0.25}};
        double[][] theta = new double[m][];
        for (int i = 0; i < m; i++) {
            theta[i] = new double[] {-5 + 10 * rng.nextDouble()};
        }
        DrawPool pool = DrawPool.ofPrior(theta, logLikelihood(theta), constant(m, LOG_PRIOR));
        WeightedDraws last = null;
        for (int r = 0; r < pilots.length; r++) {
            theta = new double[m][];
            for (int i = 0; i < m; i++) {
                double t = rng.nextDouble() < ALPHA ? -5 + 10 * rng.nextDouble()
                        : pilots[r][0] + pilots[r][1] * gauss.sample();
                theta[i] = new double[] {t};
            }
            double[] logPrior = new double[m];
            double[] ownRatio = new double[m];
            for (int i = 0; i < m; i++) {
                logPrior[i] = Math.abs(theta[i][0]) < 5 ? LOG_PRIOR : Double.NEGATIVE_INFINITY;
                double g = ALPHA * 0.1 + (1 - ALPHA) * Math.exp(logNormal(theta[i][0], pilots[r]));
                ownRatio[i] = logPrior[i] - Math.log(g);
            }
            double[][] newLogQ = new double[r + 1][m];
            for (int c = 0; c <= r; c++) {
                for (int i = 0; i < m; i++) {
                    newLogQ[c][i] = logNormal(theta[i][0], pilots[c]);
                }
            }
            double[] oldLogQ = new double[pool.size()];
            for (int i = 0; i < oldLogQ.length; i++) {
                oldLogQ[i] = logNormal(pool.theta()[i][0], pilots[r]);
            }
            double[] logL = logLikelihood(theta);
            last = WeightedDraws.weigh(theta, logL, ownRatio, false, 1, Integer.MAX_VALUE, rng);
            pool = pool.plus(theta, logL, logPrior, newLogQ, oldLogQ);
        }
        WeightedDraws pooled = pool.weigh(ALPHA, 1, Integer.MAX_VALUE, rng);
        assertThat(pooled.size()).as("every draw inside the support kept").isBetween(3 * m - 3, 3 * m);
        assertThat(pooled.ess()).as("pooled ESS vs the last round's %.1f", last.ess())
                .isGreaterThan(1.2 * last.ess());
        double mean = 0;
        double second = 0;
        double total = 0;
        for (int i = 0; i < pooled.size(); i++) {
            double w = pooled.weights()[i];
            double t = pooled.theta()[i][0];
            total += w;
            mean += w * t;
            second += w * t * t;
        }
        double sd = Math.sqrt(second - mean * mean);
        assertThat(total).isCloseTo(1, within(1e-9));
        // Monte Carlo s.e. of the mean ≈ 0.2 / sqrt(ESS) ≈ 0.015 at ESS ≈ 200: 4 s.e.
        assertThat(mean).isCloseTo(1.0, within(0.06));
        assertThat(sd).isCloseTo(0.2, within(0.04));
    }

    private static double logNormal(double t, double[] meanSd) {
        double z = (t - meanSd[0]) / meanSd[1];
        return -0.5 * z * z - Math.log(meanSd[1] * Math.sqrt(2 * Math.PI));
    }

    private static double[] logLikelihood(double[][] theta) {
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            out[i] = logNormal(theta[i][0], new double[] {1.0, 0.2});
        }
        return out;
    }

    private static double[] constant(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }
}
