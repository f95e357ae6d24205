package org.sbi4j.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.api.TrainingSummary;

/**
 * What a {@link Trainer} run did.
 *
 * @param epochs epochs run
 * @param steps optimiser steps taken
 * @param trainingLoss mean training loss per epoch
 * @param validationLoss validation loss per epoch (empty without a validation split)
 * @param bestEpoch epoch whose parameters were kept (1-based)
 * @param bestLoss validation loss of that epoch (training loss without a validation split)
 * @param stoppedEarly whether early stopping ended the run
 * @param diverged whether a non-finite loss ended the run
 * @param trainingExamples examples used for training
 * @param validationExamples examples held out
 */
public record TrainingResult(int epochs, long steps, List<Double> trainingLoss, List<Double> validationLoss,
                             int bestEpoch, double bestLoss, boolean stoppedEarly, boolean diverged,
                             int trainingExamples, int validationExamples) {

    /** Defensive copies. */
    public TrainingResult {
        trainingLoss = List.copyOf(trainingLoss);
        validationLoss = List.copyOf(validationLoss);
    }

    /** As the API's summary, with named statistics ({@code best-epoch}, {@code best-validation-loss}, …). */
    public TrainingSummary toSummary() {
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("best-epoch", (double) bestEpoch);
        stats.put(validationExamples > 0 ? "best-validation-loss" : "best-training-loss", bestLoss);
        stats.put("steps", (double) steps);
        stats.put("stopped-early", stoppedEarly ? 1.0 : 0.0);
        stats.put("diverged", diverged ? 1.0 : 0.0);
        stats.put("training-examples", (double) trainingExamples);
        stats.put("validation-examples", (double) validationExamples);
        return new TrainingSummary(epochs, trainingLoss, validationLoss, stats);
    }
}
