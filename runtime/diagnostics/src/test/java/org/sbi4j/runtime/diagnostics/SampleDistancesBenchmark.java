package org.sbi4j.runtime.diagnostics;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of the sample distances on 10,000 vs 10,000 samples of standard normals (the samples shifted by 0.5
 * along the first axis), in 2-d (exact Wasserstein matching of 1,000 points) and 10-d (sliced Wasserstein).
 * Run: {@code scripts/jmh runtime -f 1 -wi 1 -i 3 -t 1 SampleDistancesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class SampleDistancesBenchmark {
    @Param({"2", "10"})
    public int dimension;

    @Param({"2"})
    public int threads;

    private double[][] samples;
    private double[][] reference;

    @Setup
    public void draw() {
        samples = DistanceTestSamples.shifted(DistanceTestSamples.standard(10_000, dimension, 1), 0.5);
        reference = DistanceTestSamples.standard(10_000, dimension, 2);
    }

    @Benchmark
    public double mmd() {
        return Mmd.defaults().withThreads(threads).evaluate(samples, reference, 1).mmdSquared();
    }

    @Benchmark
    public double klFromSamples() {
        return KlDivergence.defaults().withThreads(threads).estimate(reference, samples, 1).nats();
    }

    @Benchmark
    public double wasserstein() {
        return Wasserstein.defaults().withThreads(threads).evaluate(samples, reference, 1).w2();
    }

    @Benchmark
    public SampleDistances.Result all() {
        return SampleDistances.compute(samples, reference, 1, threads);
    }
}
