package org.sbi4j.nn;

/** Learning rate as a function of the epoch (1-based). */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The rate for an epoch.
     *
     * @param epoch epoch number, starting at 1
     * @return the learning rate
     */
    double rate(int epoch);

    /** A constant rate. */
    static LearningRateSchedule constant(double rate) {
        return epoch -> rate;
    }

    /**
     * Cosine annealing from {@code rate} at epoch 1 to {@code minRate} at epoch {@code epochs} (held after).
     *
     * @param rate initial rate
     * @param minRate final rate
     * @param epochs length of the schedule
     * @return the schedule
     */
    static LearningRateSchedule cosine(double rate, double minRate, int epochs) {
        return epoch -> {
            double t = Math.min(1.0, (epoch - 1) / (double) Math.max(1, epochs - 1));
            return minRate + 0.5 * (rate - minRate) * (1 + Math.cos(Math.PI * t));
        };
    }

    /**
     * Step decay: multiply by {@code gamma} every {@code stepEpochs} epochs.
     *
     * @param rate initial rate
     * @param stepEpochs epochs per step (at least 1)
     * @param gamma factor per step
     * @return the schedule
     */
    static LearningRateSchedule step(double rate, int stepEpochs, double gamma) {
        int s = Math.max(1, stepEpochs);
        return epoch -> rate * Math.pow(gamma, (epoch - 1) / s);
    }
}
