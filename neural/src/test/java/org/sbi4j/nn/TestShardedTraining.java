package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.TrainingListener;

/** Data-parallel steps: the shard count fixes the numbers, the thread count never changes them. */
class TestShardedTraining {

    private static ConditionalDensity model(double[][][] data, Precision precision) {
        return model(data, precision, 16);
    }

    private static ConditionalDensity model(double[][][] data, Precision precision, int hidden) {
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = DensityModelSpec.Type.NSF;
        spec.transforms = 2;
        spec.hiddenFeatures = hidden;
        spec.bins = 4;
        return ConditionalDensity.create(spec, ThetaBijection.identity(2), data[0], data[1], true, precision,
                GradientCheck.rng(5));
    }

    private static float[] train(int shards, int threads) {
        return train(shards, threads, 16);
    }

    private static float[] train(int shards, int threads, int hidden) {
        double[][][] data = TestEndToEndTraining.simulate(1500, GradientCheck.rng(11));
        ConditionalDensity q = model(data, Precision.FLOAT32, hidden);
        TrainingConfig config = new TrainingConfig();
        config.batchSize = 100;
        config.maxEpochs = 6;
        config.averageEpochs = 2;
        config.shards = shards;
        config.threads = threads;
        TrainingResult result = q.fit(data[0], data[1], null, config, GradientCheck.rng(3), TrainingListener.NONE);
        assertThat(result.epochs()).isEqualTo(6);
        return q.model().parameters().exportFloats();
    }

    @Test
    void sameWeightsForOneAndTwoThreads() {
        float[] one = train(2, 1);
        float[] two = train(2, 2);
        assertThat(two).containsExactly(one);
        // three shards on two threads: one thread takes two shards, still the same numbers as one thread
        assertThat(train(3, 2)).containsExactly(train(3, 1));
        // and the shards do change the numerics (so the comparisons above are not vacuous)
        assertThat(train(1, 1)).isNotEqualTo(one);
    }

    @Test
    void sameWeightsForOneAndTwoThreadsWhenTheOptimiserStepRunsInPieces() {
        // with more parameters than ShardedSteps.PARALLEL_MIN_LENGTH the gradient sum, Adam and the moving
        // average run in two pieces on two threads
        double[][][] data = TestEndToEndTraining.simulate(10, GradientCheck.rng(1));
        assertThat(model(data, Precision.FLOAT32, 96).model().parameters().size())
                .isGreaterThan(ShardedSteps.PARALLEL_MIN_LENGTH);
        assertThat(train(2, 2, 96)).containsExactly(train(2, 1, 96));
    }

    @Test
    void forRangesCoversEveryIndexOnceOnEveryThread() {
        double[][][] data = TestEndToEndTraining.simulate(300, GradientCheck.rng(12));
        ConditionalDensity q = model(data, Precision.FLOAT64);
        DensityObjective objective = new DensityObjective(q.model(),
                () -> DensityModels.create(q.spec(), Precision.FLOAT64, RandomSource.XO_RO_SHI_RO_128_PP.create(0L)),
                q.modelTheta(data[0]), q.modelX(data[1]), null);
        for (int length : new int[] {5, ShardedSteps.PARALLEL_MIN_LENGTH + 3}) {
            try (ShardedSteps steps = new ShardedSteps(objective, 2, 2, 100)) {
                int[] hits = new int[length];
                java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
                steps.forRanges(length, (from, to) -> {
                    threads.add(Thread.currentThread().getName());
                    for (int i = from; i < to; i++) {
                        hits[i]++;
                    }
                });
                assertThat(hits).containsOnly(1);
                // small work stays on the calling thread; large work is shared by both
                assertThat(threads).hasSize(length < ShardedSteps.PARALLEL_MIN_LENGTH ? 1 : 2);
            }
        }
    }

    @Test
    void shardedGradientIsTheBatchGradient() {
        double[][][] data = TestEndToEndTraining.simulate(300, GradientCheck.rng(12));
        ConditionalDensity q = model(data, Precision.FLOAT64);
        ConditionalDensityModel m = q.model();
        DensityObjective objective = new DensityObjective(m,
                () -> DensityModels.create(q.spec(), Precision.FLOAT64, RandomSource.XO_RO_SHI_RO_128_PP.create(0L)),
                q.modelTheta(data[0]), q.modelX(data[1]), null);
        int[] rows = new int[200];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (7 * i) % 300;
        }
        double[] expected;
        double expectedLoss;
        try (ShardedSteps whole = new ShardedSteps(objective, 1, 1, 200)) {
            expectedLoss = whole.lossAndGradient(rows, 1, 200);
            expected = m.parameters().gradients().toDoubleArray();
        }
        try (ShardedSteps split = new ShardedSteps(objective, 3, 2, 200)) {
            assertThat(split.shardCount()).isEqualTo(3);
            assertThat(split.threadCount()).isEqualTo(2);
            // 199 rows: uneven shards of 66, 66 and 67
            assertSameStep(split, rows, 1, 200, expectedLoss, expected, objective);
        }
    }

    @Test
    void flowMatchingShardsShareTheBatchDraws() {
        double[][][] data = TestEndToEndTraining.simulate(300, GradientCheck.rng(14));
        VectorFieldSpec spec = new VectorFieldSpec();
        spec.hiddenFeatures = 16;
        spec.blocks = 1;
        ConditionalVectorField field = ConditionalVectorField.create(spec, ThetaBijection.identity(2), data[0],
                data[1], true, Precision.FLOAT64, GradientCheck.rng(6));
        double[][] th = field.coordinates().modelTheta(data[0]);
        double[][] xs = field.coordinates().modelX(data[1]);
        int[] rows = new int[150];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (11 * i) % 300;
        }
        FlowMatchingObjective whole = new FlowMatchingObjective(field.network(), field.parameters(), th, xs, 1e-3,
                1.0, GradientCheck.rng(21), 5L);
        double expectedLoss;
        double[] expected;
        try (ShardedSteps steps = new ShardedSteps(whole, 1, 1, 150)) {
            expectedLoss = steps.lossAndGradient(rows, 0, 150);
            expected = field.parameters().gradients().toDoubleArray();
        }
        FlowMatchingObjective split = new FlowMatchingObjective(field.network(), field.parameters(), th, xs, 1e-3,
                1.0, GradientCheck.rng(21), 5L, field::copy);
        try (ShardedSteps steps = new ShardedSteps(split, 4, 2, 150)) {
            assertThat(steps.shardCount()).isEqualTo(4);
            // the same generator state gives the same t and θ₀ per row, whichever shard computes the row
            assertSameStep(steps, rows, 0, 150, expectedLoss, expected, whole);
        }
    }

    /** The sharded step's loss and gradient match the whole batch's; its validation matches the plain loop's. */
    private static void assertSameStep(ShardedSteps steps, int[] rows, int from, int to, double expectedLoss,
                                       double[] expected, TrainingObjective whole) {
        assertThat(steps.lossAndGradient(rows, from, to)).isCloseTo(expectedLoss, offset(1e-12));
        double[] got = whole.parameters().gradients().toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("gradient %d", i).isCloseTo(expected[i], offset(1e-10 + 1e-10 * Math.abs(
                    expected[i])));
        }
        assertThat(steps.evaluate(rows, 64)).isCloseTo(Trainer.evaluate(whole, rows, 64), offset(1e-12));
    }

    @Test
    void anObjectiveThatDoesNotSplitUsesOneShard() {
        double[][][] data = TestEndToEndTraining.simulate(300, GradientCheck.rng(13));
        ConditionalDensity q = model(data, Precision.FLOAT32);
        DensityObjective plain = new DensityObjective(q.model(), q.modelTheta(data[0]), q.modelX(data[1]), null);
        try (ShardedSteps steps = new ShardedSteps(plain, 4, 2, 100)) {
            assertThat(steps.shardCount()).isEqualTo(1);
            assertThat(steps.threadCount()).isEqualTo(1);
        }
    }
}
