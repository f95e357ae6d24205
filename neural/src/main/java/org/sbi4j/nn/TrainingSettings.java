package org.sbi4j.nn;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * The training-loop settings every estimator trained by {@link Trainer} shares: Adam, the validation split,
 * early stopping, clipping, weight averaging and the learning-rate schedule. A subclass sets its own defaults in
 * its constructor and calls {@link #validateTraining()} from its {@code validate()}.
 */
public abstract class TrainingSettings implements Settings {

    @Setting("training examples per Adam step, >= 1; the simulations must fill one batch besides the "
            + "validation split")
    public int batchSize = 200;

    @Setting("Adam learning rate, > 0")
    public double learningRate = 5e-4;

    @Setting("share of the simulations held out for early stopping, [0, 1); 0 trains on all of them for "
            + "max-epochs epochs")
    public double validationFraction = 0.1;

    @Setting("epochs without a better validation loss before training stops (the best epoch is kept), >= 1")
    public int patience = 20;

    @Setting("upper bound on the number of epochs, >= 1; training stops earlier once the validation loss has "
            + "not improved for patience epochs: with a patience well below it (10 or 20 normally stop training "
            + "after tens to a few hundred epochs) it is a safety cap, which sbi does not have; with a patience of "
            + "max-epochs or more, early stopping never ends training before it")
    public int maxEpochs = 5000;

    @Setting("maximal global norm of the gradient (clipping), > 0; 0 switches clipping off")
    public double clipNorm = 5.0;

    @Setting("horizon in epochs of the moving average of the weights (Polyak averaging; see averaging for what "
            + "it is used for), >= 0; 0 = off (the last step's weights, as sbi)")
    public double averageEpochs = 3.0;

    @Setting("shards each training batch is split into, 1.." + TrainingConfig.MAX_SHARDS + ": every shard's "
            + "gradient is computed on its own copy of the network, as many at once as the job has threads, and "
            + "the gradients are summed in a fixed order, so the weights do not depend on the thread count; "
            + "1 = the whole batch in one pass (estimators whose loss pairs the examples of a batch, such as nre, "
            + "always use 1)")
    public int shards = 1;

    @Setting("what the averaged weights do: ema (validation, early stopping and the model use the moving "
            + "average), live (patience counts on the live weights; the better of the best live and the best "
            + "averaged weights is kept) or window (patience on the live weights; the weights at the end of the "
            + "last average-epochs epochs up to the best one are averaged at the end and kept if better)")
    public TrainingConfig.Averaging averaging = TrainingConfig.Averaging.EMA;

    @Setting("learning-rate schedule: constant (default), cosine (to min-learning-rate over max-epochs) or "
            + "step (times step-gamma every step-epochs)")
    public TrainingConfig.Schedule schedule = TrainingConfig.Schedule.CONSTANT;

    @Setting("final learning rate of the cosine schedule, >= 0")
    public double minLearningRate = 0.0;

    @Setting("epochs between rate reductions of the step schedule, >= 1")
    public int stepEpochs = 50;

    @Setting("factor applied at each step of the step schedule, (0, 1]")
    public double stepGamma = 0.5;

    /**
     * Checks the training settings.
     *
     * @throws IllegalArgumentException naming the setting, its value and what is allowed
     */
    protected void validateTraining() {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule is missing: it must be constant, cosine or step");
        }
        if (averaging == null) {
            throw new IllegalArgumentException("averaging is missing: it must be ema, live or window");
        }
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new IllegalArgumentException("clip-norm = " + clipNorm + " is invalid; allowed: >= 0 (0 switches "
                    + "clipping off)");
        }
        trainingConfig().validate();
    }

    /** The training loop's settings. */
    public TrainingConfig trainingConfig() {
        TrainingConfig config = TrainingConfig.of(batchSize, learningRate, validationFraction, patience, maxEpochs,
                clipNorm, averageEpochs, schedule, minLearningRate, stepEpochs, stepGamma);
        config.shards = shards;
        config.averaging = averaging;
        return config;
    }
}
