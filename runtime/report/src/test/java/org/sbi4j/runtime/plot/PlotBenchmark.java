package org.sbi4j.runtime.plot;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Wall time of a 10-parameter corner plot of 10,000 samples with 10,000 reference samples and the true value:
 * preparation plus PNG, and preparation plus SVG.
 * Run without installing: {@code mvn -o -pl runtime test-compile}, then
 * {@code java -cp runtime/target/test-classes:runtime/target/classes:<test classpath> org.openjdk.jmh.Main
 * -f 1 -wi 3 -i 5 PlotBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlotBenchmark {
    private final List<String> names = IntStream.range(0, 10).mapToObj(j -> "theta_" + (j + 1)).toList();
    private double[][] samples;
    private double[][] reference;
    private double[] truth;

    @Setup
    public void data() {
        samples = Samples.correlatedGaussian(10_000, 10, 0.8, 1);
        reference = Samples.correlatedGaussian(10_000, 10, 0.7, 2);
        truth = IntStream.range(0, 10).mapToDouble(j -> j * 0.5).toArray();
    }

    @Benchmark
    public byte[] cornerPng() {
        return CornerPlot.of(names, samples, truth, reference).png();
    }

    @Benchmark
    public String cornerSvg() {
        return CornerPlot.of(names, samples, truth, reference).svg();
    }
}
