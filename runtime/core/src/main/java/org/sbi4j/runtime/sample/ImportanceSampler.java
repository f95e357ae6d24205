package org.sbi4j.runtime.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.SbiException;

/**
 * Sampling importance resampling: proposal draws are weighed by target / proposal density and resampled, which
 * is asymptotically exact whatever the quality of the proposal as long as it covers the target. Proposals are
 * drawn in growing rounds until the effective sample size reaches the number of samples asked for, or
 * {@code maxProposals} is reached.
 */
public final class ImportanceSampler implements Sampler {
    private final int minProposals;
    private final int maxProposals;

    /**
     * @param minProposals proposal draws in the first round (at least 2)
     * @param maxProposals the most proposal draws per call
     */
    public ImportanceSampler(int minProposals, int maxProposals) {
        if (minProposals < 2 || maxProposals < minProposals) {
            throw SbiException.userError("importance sampling needs 2 ≤ min-proposals ≤ max-proposals, got "
                    + minProposals + " and " + maxProposals);
        }
        this.minProposals = minProposals;
        this.maxProposals = maxProposals;
    }

    @Override
    public boolean needsProposalDensity() {
        return true;
    }

    @Override
    public SamplerResult sample(SamplingProblem problem, int n, UniformRandomProvider rng) {
        ImportanceWeights weights = weigh(problem, n, rng);
        double[][] samples = weights.resample(n, rng);
        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("proposals", (double) weights.size());
        statistics.put("effective-sample-size", weights.effectiveSampleSize());
        statistics.put("sample-efficiency", weights.sampleEfficiency());
        statistics.put("zero-weights", (double) weights.zeroWeights());
        List<String> warnings = new ArrayList<>();
        if (problem.proposal().isLogDensityNormalized()) {
            statistics.put("log-evidence", weights.logEvidence());
            statistics.put("log-evidence-standard-error", weights.logEvidenceStandardError());
        }
        if (weights.effectiveSampleSize() < n) {
            warnings.add(String.format("importance sampling reached an effective sample size of %.0f for %d samples "
                    + "after %d proposals, so resampled draws repeat; raise max-proposals", weights.effectiveSampleSize(),
                    n, weights.size()));
        }
        return new SamplerResult(samples, new SamplerResult.WeightedDraws(weights.theta(), weights.logWeights()),
                statistics, warnings);
    }

    /**
     * Draws proposals and weighs them until the effective sample size reaches {@code targetEffectiveSize} or
     * {@code maxProposals} draws were made.
     *
     * @param problem the target and the proposal
     * @param targetEffectiveSize the effective sample size wanted
     * @param rng the only source of randomness
     * @return the weighted draws
     */
    public ImportanceWeights weigh(SamplingProblem problem, int targetEffectiveSize, UniformRandomProvider rng) {
        if (!problem.proposal().hasLogDensity()) {
            throw SbiException.userError("importance sampling needs a proposal that can evaluate its density; use a "
                    + "density estimator such as npe, or another sampler");
        }
        List<double[][]> thetaRounds = new ArrayList<>();
        List<double[]> targetRounds = new ArrayList<>();
        List<double[]> proposalRounds = new ArrayList<>();
        int total = 0;
        int round = Math.min(Math.max(minProposals, targetEffectiveSize), maxProposals);
        while (true) {
            double[][] theta = problem.proposal().sample(round, rng);
            thetaRounds.add(theta);
            proposalRounds.add(problem.proposal().logDensity(theta));
            targetRounds.add(problem.target().logDensity(theta));
            total += round;
            ImportanceWeights weights = ImportanceWeights.of(concat(thetaRounds, total), concatValues(targetRounds, total),
                    concatValues(proposalRounds, total));
            if (weights.effectiveSampleSize() >= targetEffectiveSize || total >= maxProposals) {
                return weights;
            }
            double efficiency = Math.max(weights.sampleEfficiency(), 1e-6);
            long needed = (long) Math.ceil(1.1 * targetEffectiveSize / efficiency) - total;
            round = (int) Math.min(Math.max(needed, minProposals), maxProposals - total);
        }
    }

    private static double[][] concat(List<double[][]> rounds, int total) {
        double[][] out = new double[total][];
        int offset = 0;
        for (double[][] r : rounds) {
            System.arraycopy(r, 0, out, offset, r.length);
            offset += r.length;
        }
        return out;
    }

    private static double[] concatValues(List<double[]> rounds, int total) {
        double[] out = new double[total];
        int offset = 0;
        for (double[] r : rounds) {
            System.arraycopy(r, 0, out, offset, r.length);
            offset += r.length;
        }
        return out;
    }
}
