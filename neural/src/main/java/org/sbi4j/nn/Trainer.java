package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.TrainingListener;

/**
 * Mini-batch training loop: a seeded validation split, per-epoch reshuffling from the same generator, Adam
 * with gradient clipping, an optional learning-rate schedule, optional averaging of the weights (an exponential
 * moving average, which validation, early stopping and the result then use), early stopping on the validation
 * loss and restoration of the best parameters. Given the same generator state, data and model initialisation, two
 * runs produce bit-identical parameters. Each batch can be split into {@link TrainingConfig#shards} shards computed
 * on up to {@link TrainingConfig#threads} threads ({@link ShardedSteps}); the shard count, never the thread
 * count, decides the numbers. The loop allocates no buffers per step.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * Trains in place.
     *
     * @param objective the loss and its gradient
     * @param config settings (validated here)
     * @param rng drives the split and the shuffling
     * @param listener per-epoch progress (may be {@link TrainingListener#NONE})
     * @return what happened; the objective's parameters hold the best epoch's values
     */
    public static TrainingResult train(TrainingObjective objective, TrainingConfig config, UniformRandomProvider rng,
                                       TrainingListener listener) {
        config.validate();
        int n = objective.size();
        if (n < 1) {
            throw new IllegalArgumentException("no training examples");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, 0, n, rng);
        int nVal = config.validationCount(n);
        int[] val = java.util.Arrays.copyOfRange(order, 0, nVal);
        int[] train = java.util.Arrays.copyOfRange(order, nVal, n);
        int nTrain = train.length;
        int batch = Math.min(config.batchSize, nTrain);
        int maxBatch = Math.max(batch, Math.min(nVal, config.batchSize));
        objective.prepare(maxBatch);
        try (ShardedSteps steps = new ShardedSteps(objective, config.shards, config.threads, maxBatch)) {
            return train(objective, config, rng, listener, steps, train, val);
        }
    }

    private static TrainingResult train(TrainingObjective objective, TrainingConfig config, UniformRandomProvider rng,
                                        TrainingListener listener, ShardedSteps sharded, int[] train, int[] val) {
        int nTrain = train.length;
        int nVal = val.length;
        int batch = Math.min(config.batchSize, nTrain);

        ParameterSet params = objective.parameters();
        Adam adam = new Adam(params, config.clipNorm);
        LearningRateSchedule schedule = config.learningRateSchedule();
        int stepsPerEpoch = (nTrain + batch - 1) / batch;
        boolean averaging = config.averageEpochs > 0;
        TrainingConfig.Averaging mode = averaging ? config.averaging : TrainingConfig.Averaging.EMA;
        boolean ema = averaging && mode != TrainingConfig.Averaging.WINDOW;
        // which weights the patience counts on: the averaged ones only in EMA mode
        boolean monitorAverage = averaging && mode == TrainingConfig.Averaging.EMA;
        boolean trackOther = averaging && nVal > 0 && !monitorAverage;
        Candidate monitoredBest = new Candidate(params.size());
        Candidate otherBest = trackOther ? new Candidate(params.size()) : null;
        params.copyValuesTo(monitoredBest.values);
        double[] average = null;
        double[] live = null;
        double averageDecay = 0;
        Window window = null;
        if (ema) {
            average = new double[params.size()];
            live = new double[params.size()];
            params.copyValuesTo(average);
            averageDecay = 1 - 1.0 / Math.max(1.0, config.averageEpochs * stepsPerEpoch);
        } else if (averaging) {
            window = new Window(params.size(), (int) Math.max(1, Math.round(config.averageEpochs)));
        }
        long steps = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        boolean diverged = false;
        List<Double> trainLosses = new ArrayList<>();
        List<Double> valLosses = new ArrayList<>();
        int epoch = 0;
        while (epoch < config.maxEpochs) {
            epoch++;
            double lr = schedule.rate(epoch);
            shuffle(train, 0, nTrain, rng);
            double sum = 0;
            for (int from = 0; from < nTrain; from += batch) {
                int to = Math.min(nTrain, from + batch);
                double loss = sharded.lossAndGradient(train, from, to);
                if (!Double.isFinite(loss)) {
                    diverged = true;
                    break;
                }
                adam.step(lr, sharded);
                steps++;
                if (average != null) {
                    // warm-up (1 + t)/(10 + t): the average spans about t/9 steps until it reaches its horizon,
                    // so it never drags in the far-off initial weights
                    double[] target = average;
                    double decay = Math.min(averageDecay, (1.0 + steps) / (10.0 + steps));
                    sharded.forRanges(target.length, (a, b) -> accumulate(params.values(), target, decay, a, b));
                }
                sum += loss * (to - from);
            }
            if (diverged) {
                listener.onMessage("non-finite training loss in epoch " + epoch + "; keeping epoch "
                        + monitoredBest.epoch);
                break;
            }
            double trainLoss = sum / nTrain;
            trainLosses.add(trainLoss);
            double monitored = trainLoss;
            double valLoss = Double.NaN;
            if (window != null) {
                window.add(params.values());
            }
            if (average != null) {
                params.copyValuesTo(live);
            }
            if (nVal > 0) {
                if (trackOther && average != null) {
                    // live mode: the moving average is validated too, and the better of the two bests is kept
                    params.importValues(average);
                    otherBest.offer(epoch, sharded.evaluate(val, config.batchSize), params);
                    params.importValues(live);
                }
                if (monitorAverage) {
                    params.importValues(average);
                }
                valLoss = sharded.evaluate(val, config.batchSize);
                valLosses.add(valLoss);
                monitored = valLoss;
            } else if (monitorAverage) {
                params.importValues(average);
            }
            listener.onEpoch(epoch, trainLoss, valLoss);
            boolean improved = monitoredBest.offer(epoch, monitored, params);
            if (improved && window != null && nVal > 0) {
                window.rememberMean();
                window.bestEpoch = epoch;
            }
            if (monitorAverage) {
                params.importValues(live);
            }
            if (improved) {
                sinceBest = 0;
            } else if (!Double.isFinite(monitored)) {
                diverged = true;
                break;
            } else {
                sinceBest++;
                if (nVal > 0 && sinceBest >= config.patience) {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        if (window != null && window.bestEpoch > 0) {
            // the mean of the end-of-epoch weights over the window that ended at the live weights' best epoch
            otherBest = new Candidate(params.size());
            params.importValues(window.bestMean);
            otherBest.offer(window.bestEpoch, sharded.evaluate(val, config.batchSize), params);
        }
        Candidate kept = monitoredBest;
        if (otherBest != null && !monitorAverage) {
            kept = otherBest.loss < monitoredBest.loss ? otherBest : monitoredBest;
        }
        if (otherBest != null) {
            String liveText = monitorAverage ? otherBest.describe() : monitoredBest.describe();
            String averageText = monitorAverage ? monitoredBest.describe() : otherBest.describe();
            boolean keptAverage = (kept == monitoredBest) == monitorAverage;
            listener.onMessage("training: live weights best at " + liveText + "; averaged weights ("
                    + mode.name().toLowerCase(java.util.Locale.ROOT) + ") best at " + averageText
                    + "; kept the " + (keptAverage ? "averaged" : "live") + " weights");
        }
        params.importValues(kept.values);
        return new TrainingResult(trainLosses.size(), adam.steps(), trainLosses, valLosses, kept.epoch, kept.loss,
                stoppedEarly, diverged, nTrain, nVal);
    }

    /** Debugging aid: also validate the live weights every epoch in EMA mode and report both best epochs. */
    /** The best weights seen of one kind (live or averaged), with their epoch and validation loss. */
    private static final class Candidate {
        final double[] values;
        double loss = Double.POSITIVE_INFINITY;
        int epoch;

        Candidate(int size) {
            values = new double[size];
        }

        boolean offer(int atEpoch, double value, ParameterSet params) {
            if (!(value < loss)) {
                return false;
            }
            loss = value;
            epoch = atEpoch;
            params.copyValuesTo(values);
            return true;
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "epoch %d (validation loss %.5f)", epoch, loss);
        }
    }

    /** The end-of-epoch weights of the last K epochs. */
    private static final class Window {
        final double[][] ring;
        final double[] bestMean;
        int count;
        int bestEpoch;

        Window(int size, int epochs) {
            ring = new double[epochs][size];
            bestMean = new double[size];
        }

        void add(Buffer values) {
            double[] slot = ring[count % ring.length];
            for (int i = 0; i < slot.length; i++) {
                slot[i] = values.get(i);
            }
            count++;
        }

        void rememberMean() {
            int k = Math.min(count, ring.length);
            java.util.Arrays.fill(bestMean, 0.0);
            for (int j = 0; j < k; j++) {
                double[] slot = ring[j];
                for (int i = 0; i < bestMean.length; i++) {
                    bestMean[i] += slot[i];
                }
            }
            for (int i = 0; i < bestMean.length; i++) {
                bestMean[i] /= k;
            }
        }
    }

    /** average ← decay · average + (1 − decay) · values. */
    private static void accumulate(Buffer values, double[] average, double decay, int from, int to) {
        double weight = 1 - decay;
        for (int i = from; i < to; i++) {
            average[i] += weight * (values.get(i) - average[i]);
        }
    }

    /**
     * Mean loss over the given examples, in batches.
     *
     * @param objective the loss
     * @param rows example indices
     * @param batchSize rows per evaluation
     * @return the mean loss
     */
    public static double evaluate(TrainingObjective objective, int[] rows, int batchSize) {
        double sum = 0;
        for (int from = 0; from < rows.length; from += batchSize) {
            int to = Math.min(rows.length, from + batchSize);
            sum += objective.loss(rows, from, to) * (to - from);
        }
        return sum / rows.length;
    }

    /** Fisher–Yates shuffle of {@code a[from..to)}. */
    static void shuffle(int[] a, int from, int to, UniformRandomProvider rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
