package org.sbi4j.nn;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * The settings every neural estimator on this library shares (npe, fmpe): the training loop ({@link Trainer}:
 * Adam, validation split, early stopping, weight averaging, learning-rate schedule) and the coordinates
 * ({@link ThetaBijection}, {@link DataTransform}, z-scores) and support truncation ({@link SupportTruncation}).
 * A subclass sets its own defaults in its constructor, adds its architecture and calls {@link #validateShared()}.
 */
public abstract class NeuralSettings implements Settings {

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

    @Setting("upper bound on the number of epochs, >= 1; a safety cap (sbi has none): with patience 20 "
            + "training normally stops after tens to a few hundred epochs")
    public int maxEpochs = 5000;

    @Setting("maximal global norm of the gradient (clipping), > 0; 0 switches clipping off")
    public double clipNorm = 5.0;

    @Setting("horizon in epochs of the moving average of the weights (Polyak averaging; see averaging for what "
            + "it is used for), >= 0; 0 = off (the last step's weights, as sbi)")
    public double averageEpochs = 3.0;

    @Setting("shards each training batch is split into, 1.." + TrainingConfig.MAX_SHARDS + ": every shard's "
            + "gradient is computed on its own copy of the network, as many at once as the job has threads, and "
            + "the gradients are summed in a fixed order, so the weights do not depend on the thread count; "
            + "1 = the whole batch in one pass")
    public int shards = 2;

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

    @Setting("train in unconstrained coordinates built from the prior's bounds: log for a half-line (e.g. a "
            + "log-normal prior); with transform-intervals also logit for a finite interval. Draws outside the "
            + "support are rejected and redrawn. false models θ directly")
    public boolean transformTheta = true;

    @Setting("also map finite intervals (box priors) through a logit; off by default because it measurably "
            + "hurt npe's accuracy on two-moons (C2ST 0.78 vs 0.68 at 10^3 simulations); box-bounded draws are "
            + "then rejected outside the box instead")
    public boolean transformIntervals = false;

    @Setting("take the log of data columns before standardising: auto (when every simulated value is positive, "
            + "e.g. population sizes, the columns that span more than two decades), all, or none")
    public DataTransform.Mode logData = DataTransform.Mode.AUTO;

    @Setting("z-score θ (after the transform) and x with the mean and sd of the training simulations")
    public boolean standardize = true;

    @Setting("sampling fails with an error when fewer than this share of draws falls inside the prior "
            + "support (checked after 20,000 draws; only happens when a bounded parameter is not transformed), "
            + "[0, 1)")
    public double minAcceptance = 1e-3;

    /**
     * Checks the shared settings.
     *
     * @throws IllegalArgumentException naming the setting, its value and what is allowed
     */
    protected void validateShared() {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule is missing: it must be constant, cosine or step");
        }
        if (logData == null) {
            throw new IllegalArgumentException("log-data is missing: it must be auto, all or none");
        }
        if (averaging == null) {
            throw new IllegalArgumentException("averaging is missing: it must be ema, live or window");
        }
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new IllegalArgumentException("clip-norm = " + clipNorm + " is invalid; allowed: >= 0 (0 switches "
                    + "clipping off)");
        }
        trainingConfig().validate();
        if (!(minAcceptance >= 0 && minAcceptance < 1)) {
            throw new IllegalArgumentException("min-acceptance = " + minAcceptance + " is invalid; allowed: [0, 1)");
        }
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
