package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The data-parallel part of {@link Trainer}: a mini-batch split into a fixed number of contiguous shards, shard
 * k always computed by objective copy k (its own parameters, gradients and workspaces), the shards' gradients
 * summed in shard order into the main objective's gradient, weighted by each shard's share of the batch. Which
 * thread runs a shard never matters, so the result is the same for any thread count. Validation batches are
 * spread over the copies the same way and their losses summed in batch order. With one shard every call goes
 * straight to the main objective, exactly as a plain loop would.
 */
final class ShardedSteps implements AutoCloseable, ParallelRanges {

    /** Below this many elements {@link #forRanges} runs on the calling thread. */
    static final int PARALLEL_MIN_LENGTH = 16_384;


    private final TrainingObjective main;
    private final ParameterSet mainParams;
    private final TrainingObjective[] shards;
    private final int threads;
    private final ExecutorService pool;
    private final double[] shardLoss;
    private final int[] shardFrom;
    private final int[] shardTo;
    private final List<Callable<Void>> trainTasks = new ArrayList<>();
    private final List<Callable<Void>> evalTasks = new ArrayList<>();
    private final List<Callable<Void>> rangeTasks = new ArrayList<>();
    private final double[] shardWeight;
    private ParallelRanges.Task rangeTask;
    private int rangeLength;
    private int[] rows;
    private double[] batchLoss = new double[0];
    private int evalBatch;
    private int evalBatches;

    /**
     * @param main the objective whose parameters the optimiser updates
     * @param shardCount requested shards (1 when the objective cannot be split)
     * @param threadCount threads available
     * @param maxBatch largest batch (training or validation) that will be passed
     */
    ShardedSteps(TrainingObjective main, int shardCount, int threadCount, int maxBatch) {
        this.main = main;
        this.mainParams = main.parameters();
        List<TrainingObjective> copies = new ArrayList<>();
        copies.add(main);
        for (int k = 1; k < shardCount; k++) {
            TrainingObjective copy = main.newShard();
            if (copy == null) {
                copies.subList(1, copies.size()).clear();
                break;
            }
            copies.add(copy);
        }
        this.shards = copies.toArray(new TrainingObjective[0]);
        int s = shards.length;
        // the main objective also evaluates whole validation batches, so every copy is sized for those
        for (TrainingObjective shard : shards) {
            shard.prepare(maxBatch);
        }
        this.threads = Math.max(1, Math.min(threadCount, s));
        this.shardLoss = new double[s];
        this.shardFrom = new int[s];
        this.shardTo = new int[s];
        this.shardWeight = new double[s];
        if (threads > 1) {
            this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "sbi4j-train-shard");
                t.setDaemon(true);
                return t;
            });
            for (int t = 1; t < threads; t++) {
                int worker = t;
                trainTasks.add(() -> {
                    trainShards(worker);
                    return null;
                });
                evalTasks.add(() -> {
                    evaluateBatches(worker);
                    return null;
                });
                rangeTasks.add(() -> {
                    runRange(worker);
                    return null;
                });
            }
        } else {
            this.pool = null;
        }
    }

    /** Shards actually used. */
    int shardCount() {
        return shards.length;
    }

    /** Threads actually used. */
    int threadCount() {
        return threads;
    }

    /**
     * Mean loss of {@code rows[from..to)} with its gradient WRITTEN into the main objective's gradient buffer.
     *
     * @param batchRows example indices
     * @param from first position
     * @param to end position (exclusive)
     * @return the batch's mean loss
     */
    double lossAndGradient(int[] batchRows, int from, int to) {
        int s = shards.length;
        main.beginBatch(batchRows, from, to);
        if (s == 1) {
            mainParams.zeroGradients();
            return main.lossAndGradient(batchRows, from, to);
        }
        int n = to - from;
        for (int k = 0; k < s; k++) {
            shardFrom[k] = from + cut(n, k, s);
            shardTo[k] = from + cut(n, k + 1, s);
        }
        rows = batchRows;
        runOnAllThreads(trainTasks, this::trainShards);
        double loss = 0;
        for (int k = 0; k < s; k++) {
            double weight = (shardTo[k] - shardFrom[k]) / (double) n;
            shardWeight[k] = weight;
            loss += weight * shardLoss[k];
        }
        forRanges(mainParams.size(), this::sumGradients);
        return loss;
    }

    /** The batch's gradient on elements {@code [from, to)}: the shards' gradients weighted by their rows, in order. */
    private void sumGradients(int from, int to) {
        Buffer grads = mainParams.gradients();
        for (int k = 0; k < shards.length; k++) {
            double weight = shardWeight[k];
            if (weight == 0) {
                if (k == 0) {
                    grads.fill(from, to, 0.0);
                }
                continue;
            }
            if (k == 0) {
                grads.scaleAndAdd(0.0, grads, weight, from, to);
            } else {
                grads.scaleAndAdd(1.0, shards[k].parameters().gradients(), weight, from, to);
            }
        }
    }

    /**
     * Runs element-wise work on all the threads, each on one contiguous piece of {@code [0, length)} (serially
     * with one thread or below {@value #PARALLEL_MIN_LENGTH} elements, where handing work over costs more).
     */
    @Override
    public void forRanges(int length, ParallelRanges.Task task) {
        if (pool == null || length < PARALLEL_MIN_LENGTH) {
            task.run(0, length);
            return;
        }
        rangeTask = task;
        rangeLength = length;
        runOnAllThreads(rangeTasks, this::runRange);
        rangeTask = null;
    }

    private void runRange(int worker) {
        rangeTask.run(cut(rangeLength, worker, threads), cut(rangeLength, worker + 1, threads));
    }

    /** Where piece {@code k} of {@code parts} nearly equal contiguous pieces of {@code length} elements starts. */
    private static int cut(int length, int k, int parts) {
        return (int) ((long) length * k / parts);
    }

    private void trainShards(int worker) {
        for (int k = worker; k < shards.length; k += threads) {
            TrainingObjective shard = shards[k];
            ParameterSet p = shard.parameters();
            if (k > 0) {
                p.values().copyFrom(mainParams.values(), 0, 0, mainParams.size());
            }
            p.zeroGradients();
            shardLoss[k] = shardFrom[k] < shardTo[k] ? shard.lossAndGradient(rows, shardFrom[k], shardTo[k]) : 0.0;
        }
    }

    /**
     * Mean loss over the given examples in batches of {@code batchSize}, the batches spread over the copies
     * and their losses summed in batch order (the same value as a plain loop).
     *
     * @param examples example indices
     * @param batchSize rows per evaluation
     * @return the mean loss
     */
    double evaluate(int[] examples, int batchSize) {
        if (threads == 1) {
            return Trainer.evaluate(main, examples, batchSize);
        }
        evalBatch = batchSize;
        evalBatches = (examples.length + batchSize - 1) / batchSize;
        if (batchLoss.length < evalBatches) {
            batchLoss = new double[evalBatches];
        }
        rows = examples;
        for (int k = 1; k < threads; k++) {
            shards[k].parameters().values().copyFrom(mainParams.values(), 0, 0, mainParams.size());
        }
        runOnAllThreads(evalTasks, this::evaluateBatches);
        double sum = 0;
        for (int b = 0; b < evalBatches; b++) {
            int from = b * evalBatch;
            sum += batchLoss[b] * (Math.min(examples.length, from + evalBatch) - from);
        }
        return sum / examples.length;
    }

    private void evaluateBatches(int worker) {
        for (int b = worker; b < evalBatches; b += threads) {
            int from = b * evalBatch;
            batchLoss[b] = shards[worker].loss(rows, from, Math.min(rows.length, from + evalBatch));
        }
    }

    /** Runs worker 0 on the calling thread and workers 1.. on the pool; rethrows the first failure. */
    private void runOnAllThreads(List<Callable<Void>> others, java.util.function.IntConsumer first) {
        if (pool == null) {
            first.accept(0);
            return;
        }
        List<Future<Void>> pending = new ArrayList<>(others.size());
        for (Callable<Void> task : others) {
            pending.add(pool.submit(task));
        }
        RuntimeException failure = null;
        try {
            first.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<Void> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
