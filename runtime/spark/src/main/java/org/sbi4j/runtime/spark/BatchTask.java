package org.sbi4j.runtime.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.sbi4j.runtime.ComponentResolver;
import org.sbi4j.runtime.simulate.BatchPlan;
import org.sbi4j.runtime.simulate.SimulationBackend;
import org.sbi4j.runtime.simulate.SimulationRecipe;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * What a Spark task runs: the batches of its partition, from a plan rebuilt in the executor's JVM from the recipe
 * (once per JVM and recipe). Batch {@code b} depends only on the recipe, the seed and {@code b}, so the blocks are
 * the ones the local backend makes.
 */
final class BatchTask extends AbstractFunction2<TaskContext, Iterator<Integer>, Block[]> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<BatchTask, BatchPlan> PLANS = new ConcurrentHashMap<>();

    private final SimulationRecipe recipe;
    private final int budget;
    private final int batchSize;
    private final long seed;
    private final String stream;

    BatchTask(SimulationRecipe recipe, int budget, int batchSize, long seed, String stream) {
        this.recipe = recipe;
        this.budget = budget;
        this.batchSize = batchSize;
        this.seed = seed;
        this.stream = stream;
    }

    @Override
    public Block[] apply(TaskContext context, Iterator<Integer> batches) {
        BatchPlan plan = PLANS.computeIfAbsent(this, t -> t.plan());
        int k = plan.simulator().dataNames().size();
        List<Block> blocks = new ArrayList<>();
        while (batches.hasNext()) {
            int b = batches.next();
            SimulationBackend.Batch batch = plan.simulate(b);
            blocks.add(Block.of(b, batch, k));
        }
        return blocks.toArray(Block[]::new);
    }

    private BatchPlan plan() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ComponentResolver.Simulation simulation = recipe.build(loader != null ? loader : getClass().getClassLoader());
        return new BatchPlan(simulation.simulator(), simulation.prior(), null, budget, batchSize, 1, seed, stream);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchTask t && t.recipe.equals(recipe) && t.budget == budget && t.batchSize == batchSize
                && t.seed == seed && t.stream.equals(stream);
    }

    @Override
    public int hashCode() {
        return recipe.hashCode() * 31 + Long.hashCode(seed) + budget;
    }
}
