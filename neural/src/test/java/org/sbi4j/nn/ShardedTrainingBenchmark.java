package org.sbi4j.nn;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sbi4j.api.TrainingListener;

/**
 * Five training epochs of npe's default flow (NSF, 5 transforms of 50 hidden units, θ and x of dimension 2) on
 * 10,000 two-moons-sized rows with the default training settings (batch 200, 10% validation, weight averaging),
 * for a shard count and a thread count: the time per epoch that data-parallel steps change.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Warmup(iterations = 2)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ShardedTrainingBenchmark {

    /** Shards per batch. */
    @Param({"1", "2", "4"})
    public int shards;

    /** Threads. */
    @Param({"1", "2"})
    public int threads;

    private ConditionalDensity density;
    private double[][] th;
    private double[][] xs;
    private UniformRandomProvider rng;

    /** Builds the model and the data. */
    @Setup
    public void setup() {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        int n = 10_000;
        th = new double[n][2];
        xs = new double[n][2];
        for (int i = 0; i < n; i++) {
            th[i][0] = 2 * rng.nextDouble() - 1;
            th[i][1] = 2 * rng.nextDouble() - 1;
            double a = Math.PI * (rng.nextDouble() - 0.5);
            xs[i][0] = 0.1 * Math.cos(a) + 0.25 - Math.abs(th[i][0] + th[i][1]) / Math.sqrt(2);
            xs[i][1] = 0.1 * Math.sin(a) + (-th[i][0] + th[i][1]) / Math.sqrt(2);
        }
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = DensityModelSpec.Type.NSF;
        spec.transforms = 5;
        spec.hiddenFeatures = 50;
        density = ConditionalDensity.create(spec, ThetaBijection.identity(2), th, xs, true, Precision.FLOAT32, rng);
    }

    /** Five epochs (45 steps each and a validation pass). */
    @Benchmark
    public TrainingResult fiveEpochs() {
        TrainingConfig config = new TrainingConfig();
        config.maxEpochs = 5;
        config.patience = 1000;
        config.averageEpochs = 3;
        config.shards = shards;
        config.threads = threads;
        return density.fit(th, xs, null, config, rng, TrainingListener.NONE);
    }
}
