package org.sbi4j.nn;

/**
 * What {@link Trainer} minimises: a loss that is a mean over examples {@code 0..size()−1}, evaluated on
 * mini-batches given as index lists. The flow estimators use {@link DensityObjective}; ratio or
 * flow-matching estimators implement their own.
 */
public interface TrainingObjective {

    /** Number of examples. */
    int size();

    /** The parameters being trained. */
    ParameterSet parameters();

    /** Largest batch that will be passed; implementations size their workspaces from it. */
    void prepare(int maxBatch);

    /**
     * Mean loss over examples {@code rows[from..to)}, with its gradient ACCUMULATED into
     * {@code parameters().gradients()}.
     *
     * @param rows example indices
     * @param from first position in {@code rows}
     * @param to end position (exclusive)
     * @return mean loss of the batch
     */
    double lossAndGradient(int[] rows, int from, int to);

    /**
     * Called by {@link Trainer} once per step, before the batch {@code rows[from..to)} is split into shards:
     * the place for random draws that must come in row order whatever the shards (a flow-matching loss draws
     * its times and noise here). Does nothing by default.
     *
     * @param rows example indices
     * @param from first position
     * @param to end position (exclusive)
     */
    default void beginBatch(int[] rows, int from, int to) {
    }

    /**
     * A second objective over the same examples with its own copy of the model (parameters, gradients and
     * workspaces), which computes one shard of each batch on another thread: {@link Trainer} copies the
     * parameters into it before every step and adds its gradient, weighted by the shard's share of the batch,
     * to this objective's in a fixed order. The loss must be a mean of per-example terms that draw no
     * randomness of its own ({@link #beginBatch} may draw for the whole batch), so that a batch's gradient is the
     * weighted sum of its shards' gradients.
     *
     * @return the copy, or {@code null} (the default) when the loss does not split that way (a contrastive loss
     *     whose examples are paired within the batch); the trainer then uses
     *     one shard
     */
    default TrainingObjective newShard() {
        return null;
    }

    /**
     * Mean loss without gradients (validation).
     *
     * @param rows example indices
     * @param from first position
     * @param to end position (exclusive)
     * @return mean loss of the batch
     */
    double loss(int[] rows, int from, int to);
}
