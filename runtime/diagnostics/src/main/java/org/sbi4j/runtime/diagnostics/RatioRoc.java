package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * The ROC check of a likelihood-to-evidence ratio r̂(x | θ) (Hermans et al. 2020, algorithms.md §3.5): if r̂ is
 * exact, the marginal pairs (θ, x) ~ p(θ) p(x) weighted by r̂(x | θ) are distributed as the joint pairs
 * p(θ) p(x | θ), so no classifier tells them apart. A fresh classifier (weighted logistic regression on the
 * z-scored [θ, x] with their squares and products) is trained on the joint pairs (label 1) against the
 * r̂-weighted marginal pairs (label 0), two-fold cross-fitted, and the weighted ROC AUC of its held-out scores is
 * reported: ≈ 0.5 when the ratio is consistent, above 0.5 when it is mis-estimated. When the posterior is much
 * narrower than the prior, r̂ on marginal pairs is heavy-tailed and few pairs carry the weight: the effective size
 * of the weighted marginal pairs is reported, and the standard error follows it.
 *
 * <p>m joint pairs θᵢ ~ p(θ), xᵢ ~ p(x | θᵢ) (streams {@code ("ratio-roc-prior", 0)} and
 * {@code ("ratio-roc-simulation", 0)}); each xᵢ is also paired with {@value #MARGINAL_PER_X} other θ of the sample,
 * θ₍ᵢ₊ₛ₎ mod m, whose ratio comes from one batched density call per xᵢ. Deterministic under the seed.
 */
public final class RatioRoc {
    /** Marginal pairs per simulated x. */
    public static final int MARGINAL_PER_X = 64;
    /** Relative weight below which a marginal pair is left out of the classifier. */
    private static final double NEGLIGIBLE = 1e-9;
    /** Above this AUC the ratio is read as mis-estimated. */
    public static final double AUC_WARNING = 0.55;
    private static final int FOLDS = 2;
    private static final int STEPS = 300;
    private static final double LEARNING_RATE = 0.05;
    private static final double L2 = 1e-3;
    /** The most θ and x values together the classifier takes. */
    public static final int MAX_INPUTS = 100;
    /** Interactions (products of pairs) only up to this many inputs; squares always. */
    private static final int MAX_INTERACTION_INPUTS = 16;

    private RatioRoc() {
    }

    /**
     * The result.
     *
     * @param auc the weighted ROC AUC of the held-out classifier scores (0.5 = consistent)
     * @param standardError the AUC's standard error under consistency (Hanley–McNeil with the weights' effective
     *                      sizes)
     * @param jointPairs joint pairs used (valid simulations)
     * @param marginalEffectiveSize Kish's effective size of the r̂-weighted marginal pairs
     */
    public record Result(double auc, double standardError, int jointPairs, double marginalEffectiveSize) {
    }

    /**
     * The log ratio log r̂(x | θ) of a batch of θ at one x.
     */
    @FunctionalInterface
    public interface LogRatio {
        /**
         * Log ratios of a batch of parameters at one observation.
         *
         * @param theta {@code k × d} parameters
         * @param x one observation
         * @return {@code k} log ratios
         */
        double[] at(double[][] theta, double[] x);
    }

    /**
     * The log ratio of a posterior known as prior × ratio ({@link Posterior#needsSampler()}): its unnormalised log
     * density less the log prior.
     *
     * @param posterior the posterior
     * @param prior its prior
     * @return log r̂
     */
    public static LogRatio of(Posterior posterior, Prior prior) {
        requireNonNull(posterior, "posterior is null");
        requireNonNull(prior, "prior is null");
        return (theta, x) -> {
            double[] out = posterior.logDensity(theta, x);
            for (int i = 0; i < out.length; i++) {
                out[i] -= prior.logDensity(theta[i]);
            }
            return out;
        };
    }

    /**
     * Runs the check.
     *
     * @param prior the prior the ratio was trained with
     * @param simulator the simulator
     * @param ratio log r̂
     * @param pairs m, the joint pairs to simulate (≥ 20)
     * @param seed the seed
     * @return the AUC
     * @throws IllegalStateException when fewer than 20 simulations are valid, θ and x have more than {@value
     *                               #MAX_INPUTS} values, or the ratio is nowhere finite
     */
    public static Result check(Prior prior, Simulator simulator, LogRatio ratio, int pairs, long seed) {
        if (pairs < 20) {
            throw new IllegalArgumentException("the ratio check needs at least 20 pairs, got " + pairs);
        }
        double[][] theta = prior.sample(pairs, Seeds.random(seed, "ratio-roc-prior", 0));
        SimulationResult simulated = simulator.simulate(theta, Seeds.random(seed, "ratio-roc-simulation", 0));
        int m = 0;
        int[] keep = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            if (simulated.isValid(i)) {  // valid rows are finite (SimulationResult's mask)
                keep[m++] = i;
            }
        }
        if (m < 20) {
            throw new IllegalStateException("the ratio check simulated " + pairs + " pairs but only " + m
                    + " are valid; the simulator fails over most of the prior");
        }
        int dTheta = prior.dimension();
        int dx = simulated.data()[keep[0]].length;
        if (dTheta + dx > MAX_INPUTS) {
            throw new IllegalStateException("θ and x have " + (dTheta + dx) + " values together, more than the "
                    + MAX_INPUTS + " its quadratic classifier takes; summarise x with an embedding first");
        }
        // the log ratio of every marginal pair, one batched call per x
        double[] logW = new double[m * MARGINAL_PER_X];
        double[][] others = new double[MARGINAL_PER_X][];
        for (int a = 0; a < m; a++) {
            for (int s = 0; s < MARGINAL_PER_X; s++) {
                others[s] = theta[keep[(a + 1 + s) % m]];
            }
            double[] lr = ratio.at(others, simulated.data()[keep[a]]);
            for (int s = 0; s < MARGINAL_PER_X; s++) {
                logW[a * MARGINAL_PER_X + s] = Double.isNaN(lr[s]) ? Double.NEGATIVE_INFINITY : lr[s];
            }
        }
        double max = Arrays.stream(logW).max().orElse(0);
        if (!Double.isFinite(max)) {
            throw new IllegalStateException("the ratio is zero or infinite on every marginal pair of the ratio check; "
                    + "the classifier's logits are not finite");
        }
        // self-normalised weights (the marginal class weighs as much as the joint class); pairs below 1e-9 of the
        // largest weight change nothing and are left out of the classifier
        double sum = 0;
        double sumSq = 0;
        int kept = 0;
        for (int k = 0; k < logW.length; k++) {
            double w = Math.exp(logW[k] - max);
            sum += w;
            sumSq += w * w;
            kept += w >= NEGLIGIBLE ? 1 : 0;
        }
        double ess = sum * sum / sumSq;
        int rows = m + kept;
        double[][] input = new double[rows][];
        double[] label = new double[rows];
        double[] weight = new double[rows];
        int[] fold = new int[rows];
        int next = m;
        for (int a = 0; a < m; a++) {
            double[] x = simulated.data()[keep[a]];
            input[a] = concat(theta[keep[a]], x);
            label[a] = 1;
            weight[a] = 1;
            fold[a] = a % FOLDS;
            for (int s = 0; s < MARGINAL_PER_X; s++) {
                double w = Math.exp(logW[a * MARGINAL_PER_X + s] - max);
                if (w >= NEGLIGIBLE) {
                    input[next] = concat(theta[keep[(a + 1 + s) % m]], x);
                    weight[next] = w * m / sum;
                    fold[next] = a % FOLDS;
                    next++;
                }
            }
        }
        double[][] features = features(input, dTheta + dx);
        double[] score = new double[rows];
        for (int f = 0; f < FOLDS; f++) {
            double[] beta = fit(features, label, weight, fold, f);
            for (int r = 0; r < rows; r++) {
                if (fold[r] == f) {
                    score[r] = dot(beta, features[r]);
                }
            }
        }
        double auc = weightedAuc(score, label, weight);
        double se = hanleyMcNeil(0.5, m, ess);
        return new Result(auc, se, m, ess);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** z-scored inputs, their squares and (for few inputs) pairwise products, and a constant, each z-scored. */
    static double[][] features(double[][] input, int d) {
        double[][] z = standardise(input, d);
        boolean interactions = d <= MAX_INTERACTION_INPUTS;
        int p = 1 + 2 * d + (interactions ? d * (d - 1) / 2 : 0);
        double[][] out = new double[input.length][p];
        for (int r = 0; r < input.length; r++) {
            double[] row = out[r];
            double[] v = z[r];
            int k = 0;
            row[k++] = 1;
            for (int i = 0; i < d; i++) {
                row[k++] = v[i];
                row[k++] = v[i] * v[i];
            }
            if (interactions) {
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        row[k++] = v[i] * v[j];
                    }
                }
            }
        }
        double[][] scaled = standardise(out, p);
        for (double[] row : scaled) {
            row[0] = 1;
        }
        return scaled;
    }

    private static double[][] standardise(double[][] rows, int d) {
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / rows.length;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / rows.length;
            }
        }
        double[][] out = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                double s = Math.sqrt(sd[j]);
                out[i][j] = s > 0 ? (rows[i][j] - mean[j]) / s : 0;
            }
        }
        return out;
    }

    /** Weighted L2-penalised logistic regression on the rows not in {@code heldOut}, by full-batch Adam. */
    private static double[] fit(double[][] x, double[] y, double[] w, int[] fold, int heldOut) {
        int p = x[0].length;
        double[] beta = new double[p];
        double[] grad = new double[p];
        double[] m1 = new double[p];
        double[] m2 = new double[p];
        double total = 0;
        for (int r = 0; r < x.length; r++) {
            total += fold[r] == heldOut ? 0 : w[r];
        }
        for (int t = 1; t <= STEPS; t++) {
            Arrays.fill(grad, 0);
            for (int r = 0; r < x.length; r++) {
                if (fold[r] == heldOut || w[r] == 0) {
                    continue;
                }
                double s = dot(beta, x[r]);
                double g = w[r] * (sigmoid(s) - y[r]) / total;
                double[] row = x[r];
                for (int j = 0; j < p; j++) {
                    grad[j] += g * row[j];
                }
            }
            for (int j = 0; j < p; j++) {
                double g = grad[j] + (j == 0 ? 0 : L2 * beta[j]);
                m1[j] = 0.9 * m1[j] + 0.1 * g;
                m2[j] = 0.999 * m2[j] + 0.001 * g * g;
                double mh = m1[j] / (1 - Math.pow(0.9, t));
                double vh = m2[j] / (1 - Math.pow(0.999, t));
                beta[j] -= LEARNING_RATE * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return beta;
    }

    private static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /**
     * The weighted ROC AUC: the weighted probability that a positive scores above a negative, ties counting one half.
     *
     * @param score scores
     * @param label 1 for positives, 0 for negatives
     * @param weight non-negative weights
     * @return the AUC in [0, 1]
     */
    static double weightedAuc(double[] score, double[] label, double[] weight) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double negativeBelow = 0;
        double pairs = 0;
        double positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double pos = 0;
            double neg = 0;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                int k = order[j];
                if (label[k] > 0.5) {
                    pos += weight[k];
                } else {
                    neg += weight[k];
                }
                j++;
            }
            pairs += pos * (negativeBelow + 0.5 * neg);
            positives += pos;
            negativeBelow += neg;
            i = j;
        }
        return positives == 0 || negativeBelow == 0 ? Double.NaN : pairs / (positives * negativeBelow);
    }

    /** Hanley and McNeil's standard error of an AUC with n₁ positives and n₂ (effective) negatives. */
    private static double hanleyMcNeil(double auc, double n1, double n2) {
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double v = (auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n2 - 1) * (q2 - auc * auc)) / (n1 * n2);
        return Math.sqrt(Math.max(v, 0));
    }
}
