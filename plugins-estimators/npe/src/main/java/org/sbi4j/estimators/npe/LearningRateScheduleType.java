package org.sbi4j.estimators.npe;

import org.sbi4j.nn.TrainingConfig;

/** How the Adam learning rate changes over the epochs. */
public enum LearningRateScheduleType {
    /** A constant rate (sbi's default). */
    CONSTANT(TrainingConfig.Schedule.CONSTANT),
    /** Cosine annealing from {@code learning-rate} to {@code min-learning-rate} over {@code max-epochs}. */
    COSINE(TrainingConfig.Schedule.COSINE),
    /** Multiply the rate by {@code step-gamma} every {@code step-epochs} epochs. */
    STEP(TrainingConfig.Schedule.STEP);

    private final TrainingConfig.Schedule schedule;

    LearningRateScheduleType(TrainingConfig.Schedule schedule) {
        this.schedule = schedule;
    }

    /** The schedule kind in the neural library. */
    TrainingConfig.Schedule schedule() {
        return schedule;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
