package org.sbi4j.api;

import java.util.List;
import java.util.Map;

/**
 * What happened while an estimator fitted: per-epoch losses and named scalar statistics. Stored in every
 * saved model.
 *
 * @param epochs number of epochs run (0 for estimators that do not iterate)
 * @param trainingLoss mean training loss per epoch
 * @param validationLoss validation loss per epoch (empty when there is none)
 * @param statistics named numbers, e.g. {@code "simulations-kept"} or {@code "best-validation-loss"}
 */
public record TrainingSummary(int epochs, List<Double> trainingLoss, List<Double> validationLoss,
                              Map<String, Double> statistics) {

    /** A summary with only named statistics. */
    public static TrainingSummary of(Map<String, Double> statistics) {
        return new TrainingSummary(0, List.of(), List.of(), statistics);
    }

    /** Defensive copies. */
    public TrainingSummary {
        trainingLoss = List.copyOf(trainingLoss);
        validationLoss = List.copyOf(validationLoss);
        statistics = Map.copyOf(statistics);
    }
}
