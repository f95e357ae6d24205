package org.sbi4j.nn;

/**
 * Settings of {@link Trainer}: mini-batch Adam with gradient clipping, a held-out validation split, early
 * stopping on the validation loss (restoring the best parameters) and an optional learning-rate schedule.
 * Defaults follow sbi (batch 200, learning rate 5·10⁻⁴, 10% validation, patience 20, clip norm 5).
 */
public final class TrainingConfig {

    /** Learning-rate schedule kinds. */
    public enum Schedule {
        /** Constant rate. */
        CONSTANT,
        /** Cosine annealing over {@link #maxEpochs} down to {@link #minLearningRate}. */
        COSINE,
        /** Multiply by {@link #stepGamma} every {@link #stepEpochs} epochs. */
        STEP
    }

    /** Largest {@link #shards}. */
    public static final int MAX_SHARDS = 64;

    /** How the averaged weights ({@link #averageEpochs}) take part in validation and early stopping. */
    public enum Averaging {
        /**
         * An exponential moving average of the weights over {@link #averageEpochs} epochs of steps; validation,
         * early stopping and the result use the averaged weights.
         */
        EMA,
        /**
         * The same moving average, but patience counts on the live weights' validation loss; both are validated
         * every epoch and the better of the best live and the best averaged weights is kept.
         */
        LIVE,
        /**
         * Patience counts on the live weights; the end-of-epoch weights of the last round({@link #averageEpochs})
         * epochs up to the live weights' best epoch are averaged at the end, and kept when they validate better.
         */
        WINDOW
    }

    /** Examples per mini-batch. */
    public int batchSize = 200;
    /** Adam step size. */
    public double learningRate = 5e-4;
    /** Upper bound on the number of epochs. */
    public int maxEpochs = 1000;
    /** Epochs without improvement of the validation loss before stopping. */
    public int patience = 20;
    /** Fraction of the examples held out for validation, in [0, 1); 0 trains on all and never stops early. */
    public double validationFraction = 0.1;
    /** Maximal global gradient norm; {@code <= 0} disables clipping. */
    public double clipNorm = 5.0;
    /**
     * Horizon, in epochs, of an exponential moving average of the weights (Polyak averaging): validation, early
     * stopping and the returned parameters use the averaged weights, which smooths out the mini-batch noise of
     * the last steps. 0 = off (the weights of the last step).
     */
    public double averageEpochs = 0;
    /** What the averaged weights are used for (with {@link #averageEpochs} {@code > 0}). */
    public Averaging averaging = Averaging.EMA;
    /**
     * Shards each mini-batch is split into: every shard's forward and backward pass runs on its own copy of the
     * model, the shards' gradients are summed in shard order and one Adam step follows. The count fixes the
     * numerics; {@link #threads} only decides how many shards run at once, so the same seed gives the same
     * weights for any thread count. Objectives whose loss does not split ({@link TrainingObjective#newShard()}
     * returns null) use one shard.
     */
    public int shards = 1;
    /** Threads computing the shards (capped by {@link #shards}); a runtime choice, not part of the numerics. */
    public int threads = 1;
    /** Learning-rate schedule. */
    public Schedule schedule = Schedule.CONSTANT;
    /** Final rate of the cosine schedule. */
    public double minLearningRate = 0.0;
    /** Epochs per step of the step schedule. */
    public int stepEpochs = 50;
    /** Factor per step of the step schedule. */
    public double stepGamma = 0.5;

    /**
     * Every field at once (an estimator's settings map onto it one to one).
     *
     * @param batchSize {@link #batchSize}
     * @param learningRate {@link #learningRate}
     * @param validationFraction {@link #validationFraction}
     * @param patience {@link #patience}
     * @param maxEpochs {@link #maxEpochs}
     * @param clipNorm {@link #clipNorm}
     * @param averageEpochs {@link #averageEpochs}
     * @param schedule {@link #schedule}
     * @param minLearningRate {@link #minLearningRate}
     * @param stepEpochs {@link #stepEpochs}
     * @param stepGamma {@link #stepGamma}
     * @return the config (not validated)
     */
    public static TrainingConfig of(int batchSize, double learningRate, double validationFraction, int patience,
                                    int maxEpochs, double clipNorm, double averageEpochs, Schedule schedule,
                                    double minLearningRate, int stepEpochs, double stepGamma) {
        TrainingConfig config = new TrainingConfig();
        config.batchSize = batchSize;
        config.learningRate = learningRate;
        config.validationFraction = validationFraction;
        config.patience = patience;
        config.maxEpochs = maxEpochs;
        config.clipNorm = clipNorm;
        config.averageEpochs = averageEpochs;
        config.schedule = schedule;
        config.minLearningRate = minLearningRate;
        config.stepEpochs = stepEpochs;
        config.stepGamma = stepGamma;
        return config;
    }

    /** Checks every field; throws IllegalArgumentException naming the field, the value and the range. */
    public TrainingConfig validate() {
        check(batchSize >= 1, "batch-size", batchSize, ">= 1");
        check(learningRate > 0 && Double.isFinite(learningRate), "learning-rate", learningRate, "> 0");
        check(maxEpochs >= 1, "max-epochs", maxEpochs, ">= 1");
        check(patience >= 1, "patience", patience, ">= 1");
        check(validationFraction >= 0 && validationFraction < 1, "validation-fraction", validationFraction, "[0, 1)");
        check(averageEpochs >= 0 && Double.isFinite(averageEpochs), "average-epochs", averageEpochs, ">= 0");
        check(minLearningRate >= 0, "min-learning-rate", minLearningRate, ">= 0");
        check(stepEpochs >= 1, "step-epochs", stepEpochs, ">= 1");
        check(stepGamma > 0 && stepGamma <= 1, "step-gamma", stepGamma, "(0, 1]");
        check(shards >= 1 && shards <= MAX_SHARDS, "shards", shards, "1.." + MAX_SHARDS);
        check(threads >= 1, "threads", threads, ">= 1");
        check(averaging != null, "averaging", averaging, "ema, live or window");
        return this;
    }

    /**
     * Sets {@link #threads} (an estimator knows its threads only when it fits).
     *
     * @param threadCount threads available, at least 1 is used
     * @return this config
     */
    public TrainingConfig withThreads(int threadCount) {
        this.threads = Math.max(1, threadCount);
        return this;
    }

    /**
     * How many of {@code n} examples are held out for validation: {@code round(validationFraction · n)}, at
     * least 1 and at most {@code n − 1}; none when the fraction is 0 or {@code n < 2}.
     *
     * @param n the number of examples
     * @return the size of the validation split
     */
    public int validationCount(int n) {
        return validationFraction > 0 && n >= 2
                ? (int) Math.min(n - 1, Math.max(1, Math.round(validationFraction * n))) : 0;
    }

    /**
     * The fewest examples for which the training split holds one full batch besides the validation split.
     *
     * @return at least {@link #batchSize} (plus the held-out examples), and at least 2
     */
    public int minimumExamples() {
        int n = Math.max(2, batchSize);
        while (n - validationCount(n) < batchSize) {
            n++;
        }
        return n;
    }

    private static void check(boolean ok, String name, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(name + " = " + value + " is invalid; allowed: " + range);
        }
    }

    /** The schedule these settings describe. */
    public LearningRateSchedule learningRateSchedule() {
        return switch (schedule) {
            case CONSTANT -> LearningRateSchedule.constant(learningRate);
            case COSINE -> LearningRateSchedule.cosine(learningRate, minLearningRate, maxEpochs);
            case STEP -> LearningRateSchedule.step(learningRate, stepEpochs, stepGamma);
        };
    }
}
