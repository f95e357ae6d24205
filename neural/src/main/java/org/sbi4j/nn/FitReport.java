package org.sbi4j.nn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.TrainingSummary;

/**
 * The end of a neural estimator's fit, shared by npe, fmpe and nle: refuses a run that diverged in its first epoch,
 * builds the {@link TrainingSummary} (the trainer's statistics plus {@code training-seconds},
 * {@code simulations-used}, {@code simulations-invalid}, {@code parameters} and
 * {@code prior-support-acceptance}) and tells the listener what happened.
 *
 * @param estimator the estimator's config name, e.g. {@code "npe"}
 * @param model what was trained, for the message (e.g. {@code "nsf"})
 * @param maxEpochs the {@code max-epochs} setting
 * @param learningRate the {@code learning-rate} setting
 */
public record FitReport(String estimator, String model, int maxEpochs, double learningRate) {

    /**
     * The problem's simulations, refused when fewer than 2 are valid.
     *
     * @param problem the inference problem
     * @param estimator the estimator's name, for the message
     * @return the simulations
     */
    public static Simulations trainingSimulations(InferenceProblem problem, String estimator) {
        Simulations simulations = problem.requireSimulations();
        int n = simulations.size();
        if (n < 2) {
            throw SbiException.userError(estimator + " needs at least 2 valid simulations to train, got " + n
                    + (simulations.invalidCount() > 0 ? " (" + simulations.invalidCount() + " failed)" : ""));
        }
        return simulations;
    }

    /**
     * Checks the result and summarises it.
     *
     * @param result what the trainer did
     * @param seconds the training's wall time
     * @param simulations the simulations trained on
     * @param parameters the number of trained parameters
     * @param acceptance the share of probe draws inside the prior support, or NaN for an estimator whose posterior
     *     is drawn by a sampler (then neither that statistic nor its message)
     * @param listener where the messages go
     * @return the summary
     * @throws SbiException when training diverged in its first epoch
     */
    public TrainingSummary summarize(TrainingResult result, double seconds, Simulations simulations, int parameters,
                                     double acceptance, TrainingListener listener) {
        if (result.diverged() && result.bestEpoch() == 0) {
            throw new SbiException(ErrorType.USER_ERROR, estimator + " training diverged (non-finite loss) in its "
                    + "first epoch; lower learning-rate (now " + learningRate + ") or check the simulations for "
                    + "extreme values");
        }
        TrainingSummary trained = result.toSummary();
        Map<String, Double> stats = new LinkedHashMap<>(trained.statistics());
        stats.put("training-seconds", seconds);
        stats.put("simulations-used", (double) simulations.size());
        stats.put("simulations-invalid", (double) simulations.invalidCount());
        stats.put("parameters", (double) parameters);
        if (!Double.isNaN(acceptance)) {
            stats.put("prior-support-acceptance", acceptance);
        }
        listener.onMessage(String.format(Locale.ROOT, "%s: %s trained on %d simulations in %.1f s: %d epochs, best "
                + "epoch %d, best %s loss %.4f%s%s", estimator, model, simulations.size(), seconds, result.epochs(),
                result.bestEpoch(), result.validationExamples() > 0 ? "validation" : "training", result.bestLoss(),
                result.stoppedEarly() ? ", stopped early" : ", reached max-epochs " + maxEpochs,
                result.diverged() ? " (a later epoch diverged; the best epoch was kept)" : ""));
        if (!Double.isNaN(acceptance)) {
            listener.onMessage(String.format(Locale.ROOT, "%s: %.2f%% of posterior draws at %d simulated "
                    + "observations fell inside the prior support%s", estimator, 100 * acceptance,
                    Math.min(SupportTruncation.PROBE_OBSERVATIONS, simulations.size()),
                    acceptance < 1 ? " (draws outside are rejected and redrawn)" : ""));
        }
        return new TrainingSummary(trained.epochs(), trained.trainingLoss(), trained.validationLoss(), stats);
    }
}
