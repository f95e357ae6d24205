package org.sbi4j.runtime.refine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;

/**
 * A posterior refined by importance sampling: draws from a trained proposal q(θ | x₀) that has a normalised
 * density are reweighted by π(θ) p(x₀ | θ) / q(θ | x₀) and resampled, which is asymptotically exact whatever the
 * quality of q as long as q covers the posterior (algorithms.md §2). Proposals are drawn in growing rounds
 * until the effective sample size reaches the number of samples asked for, or {@code maxProposals} is reached.
 *
 * <p>Needs a simulator with a tractable {@link Likelihood}. Saving saves the proposal: the refinement is part
 * of the run config and is re-applied when the model is loaded.
 */
public final class ImportanceSampledPosterior implements Posterior {
    private static final int CHUNK = 256;

    private final Posterior proposal;
    private final Prior prior;
    private final Likelihood likelihood;
    private final int minProposals;
    private final int maxProposals;

    /**
     * @param proposal the trained posterior, with {@link Posterior#hasLogDensity()}
     * @param prior the prior the model was trained with
     * @param likelihood the simulator's likelihood
     * @param minProposals proposal draws in the first round
     * @param maxProposals the most proposal draws per observation
     */
    public ImportanceSampledPosterior(Posterior proposal, Prior prior, Likelihood likelihood, int minProposals,
                                      int maxProposals) {
        this.proposal = requireNonNull(proposal, "proposal is null");
        this.prior = requireNonNull(prior, "prior is null");
        this.likelihood = requireNonNull(likelihood, "likelihood is null");
        if (!proposal.hasLogDensity()) {
            throw SbiException.userError("importance-sampling refinement needs a posterior that can evaluate its "
                    + "density, but " + proposal.getClass().getSimpleName() + " cannot; use a density estimator "
                    + "such as npe, or remove 'refine'");
        }
        if (minProposals < 2 || maxProposals < minProposals) {
            throw SbiException.userError("importance sampling needs 2 ≤ min-proposals ≤ max-proposals, got "
                    + minProposals + " and " + maxProposals);
        }
        this.minProposals = minProposals;
        this.maxProposals = maxProposals;
    }

    /** The trained posterior used as the proposal. */
    public Posterior proposal() {
        return proposal;
    }

    @Override
    public List<String> parameterNames() {
        return proposal.parameterNames();
    }

    /**
     * Draws proposals and weighs them until the effective sample size reaches {@code targetEffectiveSize} or
     * {@code maxProposals} draws were made.
     *
     * @param observation x₀
     * @param targetEffectiveSize the effective sample size wanted
     * @param rng the only source of randomness
     * @return the weighted draws
     */
    public ImportanceWeights weigh(double[] observation, int targetEffectiveSize, UniformRandomProvider rng) {
        List<double[][]> thetaRounds = new ArrayList<>();
        List<double[][]> valueRounds = new ArrayList<>();
        int total = 0;
        int round = Math.min(Math.max(minProposals, targetEffectiveSize), maxProposals);
        ImportanceWeights weights;
        while (true) {
            double[][] theta = proposal.sample(observation, round, rng);
            thetaRounds.add(theta);
            valueRounds.add(evaluate(theta, observation));
            total += round;
            weights = combine(thetaRounds, valueRounds, total);
            if (weights.effectiveSampleSize() >= targetEffectiveSize || total >= maxProposals) {
                return weights;
            }
            double efficiency = Math.max(weights.sampleEfficiency(), 1e-6);
            long needed = (long) Math.ceil(1.1 * targetEffectiveSize / efficiency) - total;
            round = (int) Math.min(Math.max(needed, minProposals), maxProposals - total);
        }
    }

    @Override
    public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
        return weigh(observation, n, rng).resample(n, rng);
    }

    @Override
    public TrainingSummary trainingSummary() {
        return proposal.trainingSummary();
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        proposal.save(out);
    }

    /** Rows: log prior, log likelihood, log proposal; evaluated in parallel chunks (deterministic). */
    private double[][] evaluate(double[][] theta, double[] observation) {
        int n = theta.length;
        double[] logPrior = new double[n];
        double[] logLikelihood = new double[n];
        double[] logProposal = proposal.logDensity(theta, observation);
        IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            List<double[]> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                logPrior[i] = prior.logDensity(theta[i]);
                if (logPrior[i] != Double.NEGATIVE_INFINITY) {
                    rows.add(theta[i]);
                }
            }
            double[] lik = rows.isEmpty() ? new double[0]
                    : likelihood.logLikelihoods(rows.toArray(double[][]::new), observation);
            int k = 0;
            for (int i = from; i < to; i++) {
                logLikelihood[i] = logPrior[i] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : lik[k++];
            }
        });
        return new double[][] {logPrior, logLikelihood, logProposal};
    }

    private static ImportanceWeights combine(List<double[][]> thetaRounds, List<double[][]> valueRounds, int total) {
        double[][] theta = new double[total][];
        double[] logPrior = new double[total];
        double[] logLikelihood = new double[total];
        double[] logProposal = new double[total];
        int offset = 0;
        for (int r = 0; r < thetaRounds.size(); r++) {
            double[][] t = thetaRounds.get(r);
            double[][] v = valueRounds.get(r);
            System.arraycopy(t, 0, theta, offset, t.length);
            System.arraycopy(v[0], 0, logPrior, offset, t.length);
            System.arraycopy(v[1], 0, logLikelihood, offset, t.length);
            System.arraycopy(v[2], 0, logProposal, offset, t.length);
            offset += t.length;
        }
        return ImportanceWeights.of(theta, logPrior, logLikelihood, logProposal);
    }
}
