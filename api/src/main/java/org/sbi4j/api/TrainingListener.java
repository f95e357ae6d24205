package org.sbi4j.api;

/** Receives progress while an estimator fits. Implementations must be cheap and thread-safe. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /**
     * Called after each epoch.
     *
     * @param epoch epoch number, starting at 1
     * @param trainingLoss mean training loss of the epoch
     * @param validationLoss validation loss after the epoch ({@code NaN} when there is none)
     */
    default void onEpoch(int epoch, double trainingLoss, double validationLoss) {
    }

    /**
     * A line of human-readable progress.
     *
     * @param message the message
     */
    default void onMessage(String message) {
    }
}
