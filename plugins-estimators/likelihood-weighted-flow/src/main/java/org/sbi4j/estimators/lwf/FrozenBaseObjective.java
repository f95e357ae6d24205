package org.sbi4j.estimators.lwf;

import org.sbi4j.nn.Param;
import org.sbi4j.nn.ParameterSet;
import org.sbi4j.nn.TrainingObjective;

/**
 * A training objective whose gradient with respect to the flow's mixture base is set to zero after every
 * batch, so that Adam (whose step for a parameter with a zero gradient history is exactly zero) leaves the
 * EM-fitted base where it is while the flow's transforms train. One shard only (the wrapped objective is used on
 * the calling thread).
 */
final class FrozenBaseObjective implements TrainingObjective {
    /** Name of the mixture base's parameter block in the flow (see {@code DensityModels}). */
    static final String BASE_PARAMETER = "base/mixture";

    private final TrainingObjective inner;
    private final int from;
    private final int to;

    /**
     * Wraps an objective.
     *
     * @param inner the flow's density objective
     * @throws IllegalStateException if the model has no mixture base block
     */
    FrozenBaseObjective(TrainingObjective inner) {
        this.inner = inner;
        Param base = null;
        for (Param p : inner.parameters().params()) {
            if (p.name().equals(BASE_PARAMETER)) {
                base = p;
            }
        }
        if (base == null) {
            throw new IllegalStateException("no parameter block " + BASE_PARAMETER + " to freeze; the model has "
                    + inner.parameters().params());
        }
        this.from = base.offset();
        this.to = base.offset() + base.size();
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public ParameterSet parameters() {
        return inner.parameters();
    }

    @Override
    public void prepare(int maxBatch) {
        inner.prepare(maxBatch);
    }

    @Override
    public double lossAndGradient(int[] rows, int from, int to) {
        double loss = inner.lossAndGradient(rows, from, to);
        inner.parameters().gradients().fill(this.from, this.to, 0.0);
        return loss;
    }

    @Override
    public void beginBatch(int[] rows, int from, int to) {
        inner.beginBatch(rows, from, to);
    }

    @Override
    public double loss(int[] rows, int from, int to) {
        return inner.loss(rows, from, to);
    }
}
