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
     * Mean loss without gradients (validation).
     *
     * @param rows example indices
     * @param from first position
     * @param to end position (exclusive)
     * @return mean loss of the batch
     */
    double loss(int[] rows, int from, int to);
}
