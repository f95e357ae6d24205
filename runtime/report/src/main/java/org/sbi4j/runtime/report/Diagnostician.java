package org.sbi4j.runtime.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Quantile;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.runtime.ObservationInput;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.diagnostics.C2st;
import org.sbi4j.runtime.diagnostics.Calibration;
import org.sbi4j.runtime.diagnostics.CalibrationReport;
import org.sbi4j.runtime.diagnostics.CalibrationSample;
import org.sbi4j.runtime.diagnostics.CalibrationSampler;
import org.sbi4j.runtime.diagnostics.CalibrationVerdict;
import org.sbi4j.runtime.diagnostics.KlDivergence;
import org.sbi4j.runtime.diagnostics.PosteriorPredictiveCheck;
import org.sbi4j.runtime.diagnostics.RatioRoc;
import org.sbi4j.runtime.diagnostics.SampleDistances;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.plot.CornerPlot;
import org.sbi4j.runtime.plot.CoveragePlot;
import org.sbi4j.runtime.plot.Figure;
import org.sbi4j.runtime.plot.LossCurvePlot;
import org.sbi4j.runtime.plot.PosteriorPredictivePlot;
import org.sbi4j.runtime.plot.RankHistogramPlot;
import org.sbi4j.runtime.plot.TracePlot;
import org.sbi4j.runtime.sample.ImportanceWeights;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * Runs every diagnostic that applies to a trained model and its observations: calibration over prior draws
 * (SBC, expected coverage, TARP), distances to reference posteriors (C2ST, MMD, KL, Wasserstein), the
 * importance-sampling statistics of a refined posterior, and posterior predictive checks; turns the results
 * into plain-language {@link Finding findings} and pictures. Checks that cannot apply are skipped with a
 * finding that says why.
 */
public final class Diagnostician {
    /** C2ST at or below this is read as "indistinguishable from the reference". */
    public static final double C2ST_GOOD = 0.55;
    /** C2ST above this is read as a problem. */
    public static final double C2ST_BAD = 0.7;
    /** Joint pairs of the ratio classifier's ROC check. */
    public static final int RATIO_CHECK_PAIRS = 2000;
    /** Linear interpolation between order statistics (Hyndman–Fan 7); reorders its scratch input. */
    private static final Quantile QUANTILES = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7)
            .withCopy(false);

    private final DiagnosticsSpec spec;
    private final long seed;
    private final int threads;
    private final WorkerPool pool;

    /**
     * @param spec which checks run and how large they are
     * @param seed the seed of every check
     * @param threads worker threads (results do not depend on it)
     * @param pool where the checks run (results do not depend on it)
     */
    public Diagnostician(DiagnosticsSpec spec, long seed, int threads, WorkerPool pool) {
        this.spec = spec;
        this.seed = seed;
        this.threads = Math.max(1, threads);
        this.pool = requireNonNull(pool, "pool is null");
    }

    /**
     * The report and its pictures.
     *
     * @param report what was found
     * @param figures pictures by base name, in the order the report shows them
     */
    public record Outcome(DiagnosticsReport report, Map<String, Figure> figures) {
    }

    /**
     * Diagnoses a model.
     *
     * @param model the trained (possibly refined) model
     * @param observations the observations to check, each with posterior samples or not
     * @return the report and its pictures
     */
    public Outcome diagnose(TrainedModel model, List<ObservationInput> observations) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Figure> figures = new LinkedHashMap<>();
        TrainingSummary training = model.manifest().training();
        training(model, training, findings, figures);
        CalibrationReport calibration = calibration(model, findings, figures);
        RatioRoc.Result ratioCheck = ratioCheck(model, findings);
        List<ObservationReport> reports = new ArrayList<>();
        boolean traced = false;
        for (ObservationInput input : observations) {
            ObservationReport report = observation(model, input, findings, figures, !traced);
            traced |= report.chains() != null;
            reports.add(report);
        }
        List<Finding> ordered = new ArrayList<>(findings);
        ordered.sort((a, b) -> Integer.compare(severity(b.level()), severity(a.level())));
        DiagnosticsReport report = new DiagnosticsReport(Sbi4j.version(), model.manifest().simulator().name(),
                model.manifest().estimator().name(), model.refinement(), seed, model.manifest().simulations(),
                training, calibration, ratioCheck, reports, ordered, List.copyOf(figures.keySet()));
        return new Outcome(report, figures);
    }

    private static int severity(Finding.Level level) {
        return switch (level) {
            case PROBLEM -> 3;
            case WARNING -> 2;
            case OK -> 1;
            case SKIPPED -> 0;
        };
    }

    private void training(TrainedModel model, TrainingSummary training, List<Finding> findings,
                          Map<String, Figure> figures) {
        var sims = model.manifest().simulations();
        if (sims.invalid() > 0) {
            findings.add(Finding.warning("training", sims.invalid() + " of " + sims.requested()
                    + " simulations failed or returned NaN/∞ and were left out of training"));
        }
        Double acceptance = training.statistics().get("prior-support-acceptance");
        if (acceptance != null && acceptance < 0.5) {
            String text = String.format("only %.1f%% of the trained posterior's draws fall inside the prior's "
                    + "support; the estimator leaks mass outside it", 100 * acceptance);
            findings.add(acceptance < 0.1 ? Finding.problem("training", text) : Finding.warning("training", text));
        }
        Double meanRatio = training.statistics().get("calibration-mean-ratio");
        if (meanRatio != null) {
            String text = String.format("the ratio classifier's calibration check E_{p(θ)p(x)}[r̂] = %.3f over "
                    + "marginal pairs of the training data (1 when calibrated", meanRatio);
            if (meanRatio < 0.5) {
                findings.add(Finding.warning("training", text + "; this low, the classifier underestimates how much "
                        + "x tells about θ, so the posterior is too wide: train longer or on more simulations)"));
            } else {
                findings.add(Finding.ok("training", text + "; heavy-tailed when the posterior is much narrower "
                        + "than the prior)"));
            }
        }
        if (training.trainingLoss().isEmpty()) {
            return;
        }
        List<Double> validation = training.validationLoss();
        Integer best = null;
        if (!validation.isEmpty()) {
            int b = 0;
            for (int i = 1; i < validation.size(); i++) {
                if (validation.get(i) < validation.get(b)) {
                    b = i;
                }
            }
            best = b + 1;
            findings.add(Finding.ok("training", String.format("trained for %d epochs; the best validation loss, "
                    + "%.4f, came at epoch %d", training.epochs(), validation.get(b), best)));
        }
        if (spec.plots) {
            figures.put("loss", LossCurvePlot.of(training.trainingLoss(), validation, best));
        }
    }

    private CalibrationReport calibration(TrainedModel model, List<Finding> findings, Map<String, Figure> figures) {
        int n = spec.calibrationSimulations();
        if (n == 0) {
            findings.add(Finding.skipped("calibration", "calibration (SBC, coverage, TARP) was switched off"));
            return null;
        }
        CalibrationSample sample = CalibrationSampler.draw(model.prior(), model.simulator(), model.posterior(), n,
                spec.draws, seed, threads, pool);
        CalibrationReport report = Calibration.analyze(sample, seed, spec.alpha, spec.sbc, spec.coverage);
        if (report.invalidSimulations() > 0) {
            findings.add(Finding.warning("calibration", report.invalidSimulations() + " calibration simulations "
                    + "failed and were replaced by fresh prior draws"));
        }
        if (report.sbc() != null) {
            for (int j = 0; j < report.sbc().verdicts().size(); j++) {
                findings.add(verdict("calibration", report.sbc().verdicts().get(j), report.sbc().sentences().get(j)));
            }
            if (spec.plots) {
                figures.put("sbc-ranks", RankHistogramPlot.of(report.sbc().parameterNames(), report.sbc().ranks(),
                        report.sbc().draws(), report.sbc().bins()));
            }
        }
        if (report.coverage() != null) {
            findings.add(verdict("calibration", report.coverage().verdict(), report.coverage().sentence()));
            findings.add(verdict("calibration", report.tarp().verdict(), report.tarp().sentence()));
            if (spec.plots) {
                figures.put("coverage", CoveragePlot.of(report.coverage().levels(), report.coverage().coverage(),
                        report.coverage().standardErrors(), "Expected coverage (" + report.coverage().method()
                                + " regions)"));
                figures.put("tarp", CoveragePlot.of(report.tarp().credibility(), report.tarp().ecp(), null,
                        "TARP expected coverage probability"));
            }
        }
        return report;
    }

    /**
     * The ROC check of algorithms.md §3.5 for a posterior that is the prior times a ratio learned from simulations
     * (nre): fresh joint pairs against marginal pairs weighted by r̂; run with the calibration checks.
     */
    private RatioRoc.Result ratioCheck(TrainedModel model, List<Finding> findings) {
        if (!model.trainedPosterior().needsSampler() || model.manifest().simulations().requested() == 0
                || spec.calibrationSimulations() == 0) {
            return null;
        }
        RatioRoc.Result r;
        try {
            r = RatioRoc.check(model.prior(), model.simulator(), RatioRoc.of(model.trainedPosterior(), model.prior()),
                    RATIO_CHECK_PAIRS, Seeds.derive(seed, "ratio-roc", 0));
        } catch (IllegalStateException e) {
            findings.add(Finding.skipped("training", "the ratio classifier's ROC check could not run: "
                    + e.getMessage()));
            return null;
        }
        String text = String.format(java.util.Locale.ROOT, "the ratio classifier's ROC check: a fresh classifier "
                + "tells %d simulated joint pairs (θ, x) from marginal pairs weighted by r̂(x | θ) with AUC %.3f "
                + "(± %.3f; 0.5 when r̂ is exact; the weighted marginal pairs count as %.0f)", r.jointPairs(),
                r.auc(), r.standardError(), r.marginalEffectiveSize());
        if (r.auc() > RatioRoc.AUC_WARNING) {
            findings.add(Finding.warning("training", text + "; above " + RatioRoc.AUC_WARNING + ", r̂ is mis-estimated "
                    + "and the posterior p(θ) r̂(x₀ | θ) is biased in a way no sampler corrects: train on more "
                    + "simulations, with more patience, or with variant c"));
        } else {
            findings.add(Finding.ok("training", text));
        }
        return r;
    }

    private static Finding verdict(String topic, CalibrationVerdict verdict, String sentence) {
        return verdict == CalibrationVerdict.CALIBRATED ? Finding.ok(topic, sentence) : Finding.problem(topic, sentence);
    }

    private ObservationReport observation(TrainedModel model, ObservationInput input, List<Finding> findings,
                                          Map<String, Figure> figures, boolean trace) {
        String topic = input.name();
        double[][] samples = input.samples();
        ImportanceWeights weights = null;
        SamplerResult sampling = input.sampling();
        if (samples == null) {
            TrainedModel.Draws draws = model.draw(input.values(), spec.referencePoints, seed);
            samples = draws.samples();
            weights = draws.weights();
            sampling = draws.sampling();
        } else if (input.weights() != null) {
            weights = input.weights();
        }
        List<String> names = model.parameterNames();
        ChainSummary chains = ChainSummary.of(model.refinement(), sampling, names);
        if (chains != null) {
            chainFindings(topic, chains, findings);
            if (trace && spec.plots) {
                figures.put(topic + "-trace", TracePlot.of(names, chains.traces(samples), String.format(
                        java.util.Locale.ROOT, "%s: %d chains of %d kept draws", chains.sampler(), chains.chains(),
                        chains.drawsPerChain())));
            }
        }
        List<ObservationReport.ParameterSummary> summary = summarise(names, samples, input.truth());

        Double c2st = null;
        SampleDistances.Result distances = null;
        KlDivergence.DensityEstimate exactKl = null;
        if (input.reference() != null && spec.reference) {
            double[][] mine = head(samples, spec.referencePoints);
            double[][] ref = head(input.reference(), spec.referencePoints);
            c2st = C2st.sbibm().withThreads(threads).withPool(pool).evaluate(mine, ref, Seeds.derive(seed, "c2st", 0)).accuracy();
            distances = SampleDistances.compute(mine, ref, seed, threads, pool);
            exactKl = klFromDensities(model, input.values(), ref);
            String text = String.format("C2ST against the %s: %.3f (0.5 = indistinguishable, 1 = disjoint)",
                    input.referenceSource(), c2st);
            findings.add(c2st <= C2ST_GOOD ? Finding.ok(topic, text)
                    : c2st <= C2ST_BAD ? Finding.warning(topic, text) : Finding.problem(topic, text));
        } else if (spec.reference) {
            findings.add(Finding.skipped(topic, "no reference posterior for this observation, so no C2ST or distances"));
        }

        ObservationReport.ImportanceSummary importance = null;
        if (weights != null) {
            importance = new ObservationReport.ImportanceSummary(weights.size(), weights.effectiveSampleSize(),
                    weights.sampleEfficiency(), weights.logEvidence(), weights.logEvidenceStandardError(),
                    weights.zeroWeights());
            String text = String.format("importance sampling: sample efficiency %.1f%% (effective sample size %.0f of "
                            + "%d proposals), log evidence %.3f ± %.3f", 100 * weights.sampleEfficiency(),
                    weights.effectiveSampleSize(), weights.size(), weights.logEvidence(),
                    weights.logEvidenceStandardError());
            findings.add(weights.sampleEfficiency() < 0.01
                    ? Finding.problem(topic, text + "; so low an efficiency means the trained posterior misses "
                    + "posterior mass and the evidence is unreliable")
                    : weights.effectiveSampleSize() < samples.length
                    ? Finding.warning(topic, text + "; fewer effective draws than samples, so the resampled draws "
                    + "repeat (raise refine.max-proposals)")
                    : Finding.ok(topic, text));
        }

        PosteriorPredictiveCheck.Result predictive = null;
        if (spec.predictive > 0) {
            predictive = PosteriorPredictiveCheck.check(model.simulator(), head(samples, spec.predictive),
                    input.values(), Seeds.derive(seed, "predictive-" + topic, 0), threads);
            String text = "posterior predictive check: " + predictive.verdict();
            findings.add(predictive.pValue() < 0.01 ? Finding.problem(topic, text)
                    : predictive.extremeDimensions().size() > Math.max(1, 0.03 * predictive.dataNames().size())
                    ? Finding.warning(topic, text) : Finding.ok(topic, text));
            if (spec.plots) {
                figures.put(topic + "-predictive", PosteriorPredictivePlot.of(predictive.dataNames(),
                        predictive.predictive(), input.values()));
            }
        }
        if (spec.plots) {
            figures.put(topic + "-corner", CornerPlot.of(names, samples, input.truth(),
                    input.reference() == null ? null : head(input.reference(), spec.referencePoints)));
        }
        return new ObservationReport(topic, input.values().clone(), input.truth(), summary, input.referenceSource(),
                c2st, distances, exactKl, importance, predictive, chains);
    }

    /** The sampler's warnings as findings, or one finding that the chains look fine. */
    private static void chainFindings(String topic, ChainSummary chains, List<Finding> findings) {
        for (String w : chains.warnings()) {
            findings.add(Finding.warning(topic, "chains: " + w));
        }
        if (chains.warnings().isEmpty()) {
            findings.add(Finding.ok(topic, String.format(java.util.Locale.ROOT, "chains (%s, %d × %d draws): R-hat at "
                    + "most %.3f, effective sample size at least %.0f%s", chains.sampler(), chains.chains(),
                    chains.drawsPerChain(), chains.maxRHat(), chains.minEffectiveSampleSize(),
                    chains.divergences() == null ? "" : String.format(java.util.Locale.ROOT, ", %.0f divergences",
                            chains.divergences()))));
        }
    }

    /**
     * KL(p ‖ q) = E_p[log p − log q] on the reference draws, when the simulator's exact posterior density is
     * known (under its own prior) and the trained posterior has a density; otherwise {@code null}.
     */
    private static KlDivergence.DensityEstimate klFromDensities(TrainedModel model, double[] x0, double[][] reference) {
        if (!(model.simulator() instanceof AnalyticPosterior exact) || !exact.hasPosteriorDensity()
                || !"default".equals(model.manifest().prior().name()) || !model.posterior().hasLogDensity()) {
            return null;
        }
        double[] logP = new double[reference.length];
        for (int i = 0; i < reference.length; i++) {
            logP[i] = exact.posteriorLogDensity(reference[i], x0);
        }
        return KlDivergence.fromDensities(logP, model.posterior().logDensity(reference, x0));
    }

    private static double[][] head(double[][] rows, int n) {
        return rows.length <= n ? rows : Arrays.copyOf(rows, n);
    }

    private static List<ObservationReport.ParameterSummary> summarise(List<String> names, double[][] samples,
                                                                      double[] truth) {
        List<ObservationReport.ParameterSummary> out = new ArrayList<>();
        int n = samples.length;
        double[] column = new double[n];
        for (int j = 0; j < names.size(); j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                column[i] = samples[i][j];
                sum += column[i];
            }
            double mean = sum / n;
            double ss = 0;
            for (double v : column) {
                ss += (v - mean) * (v - mean);
            }
            double[] q = QUANTILES.evaluate(column, 0.05, 0.5, 0.95);
            out.add(new ObservationReport.ParameterSummary(names.get(j), mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
                    q[0], q[1], q[2], truth == null ? Double.NaN : truth[j]));
        }
        return out;
    }
}
