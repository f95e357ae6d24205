package org.sbi4j.runtime.report;

import java.util.List;

import org.sbi4j.runtime.diagnostics.KlDivergence;
import org.sbi4j.runtime.diagnostics.PosteriorPredictiveCheck;
import org.sbi4j.runtime.diagnostics.SampleDistances;

/**
 * The checks of one observation.
 *
 * @param name the observation's name
 * @param observation x₀
 * @param truth the parameters that generated x₀, or {@code null} when unknown
 * @param posterior per-parameter summaries of the posterior samples
 * @param referenceSource where the reference samples came from, or {@code null} without a reference
 * @param c2st the classifier two-sample test accuracy against the reference (0.5 = indistinguishable), or
 *             {@code null}
 * @param distances MMD, KL and Wasserstein distances to the reference, or {@code null}
 * @param exactKl KL(true posterior ‖ trained posterior) from both densities on the reference draws, when the
 *                simulator's posterior density is known and the trained posterior has one; else {@code null}
 * @param importance the importance-sampling statistics when the posterior is refined, or {@code null}
 * @param predictive the posterior predictive check, or {@code null} when skipped
 * @param chains what the Markov chains behind the samples reported, or {@code null} when no chains drew them
 */
public record ObservationReport(String name, double[] observation, double[] truth, List<ParameterSummary> posterior,
                                String referenceSource, Double c2st, SampleDistances.Result distances,
                                KlDivergence.DensityEstimate exactKl, ImportanceSummary importance,
                                PosteriorPredictiveCheck.Result predictive, ChainSummary chains) {

    /**
     * One parameter's marginal posterior.
     *
     * @param name the parameter
     * @param mean the posterior mean
     * @param sd the posterior standard deviation
     * @param q05 the 5% quantile
     * @param median the median
     * @param q95 the 95% quantile
     * @param truth the true value when known, else NaN
     */
    public record ParameterSummary(String name, double mean, double sd, double q05, double median, double q95,
                                   double truth) {
    }

    /**
     * What importance sampling found for this observation ({@link org.sbi4j.runtime.sample.ImportanceWeights}).
     *
     * @param proposals proposal draws weighed
     * @param effectiveSampleSize Kish's effective sample size
     * @param sampleEfficiency effective sample size / proposals
     * @param logEvidence the log marginal likelihood log p(x₀)
     * @param logEvidenceStandardError its standard error
     * @param zeroWeights draws outside the prior's support or with zero likelihood
     */
    public record ImportanceSummary(int proposals, double effectiveSampleSize, double sampleEfficiency,
                                    double logEvidence, double logEvidenceStandardError, int zeroWeights) {
    }
}
