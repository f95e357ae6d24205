package org.sbi4j.runtime.diagnostics;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sbi4j.runtime.io.Csv;

/**
 * Wall time of one sbibm C2ST on 10,000 vs 10,000 samples. Cases: the reference posteriors of two observations
 * of two_moons (d = 2) and gaussian_linear (d = 10), which the classifier separates, and two samples of one
 * 10-d standard normal, the slowest case (nothing to learn, so the classifier trains hundreds of epochs
 * overfitting noise before sklearn's tolerance rule stops it).
 * Run: {@code scripts/jmh runtime -f 1 -wi 1 -i 3 -p threads=2 C2stBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class C2stBenchmark {
    @Param({"two_moons", "gaussian_linear", "normal10_same"})
    public String data;

    @Param({"2"})
    public int threads;

    private double[][] samples;
    private double[][] reference;
    private C2st c2st;

    @Setup
    public void load() {
        if (data.equals("normal10_same")) {
            UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(42L);
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(r);
            samples = new double[10_000][10];
            reference = new double[10_000][10];
            for (int i = 0; i < 10_000; i++) {
                for (int j = 0; j < 10; j++) {
                    samples[i][j] = normal.sample();
                    reference[i][j] = normal.sample();
                }
            }
        } else {
            Path root = Path.of("../../data/sbibm").resolve(data);
            samples = Csv.read(root.resolve("obs02/reference_posterior_samples.csv")).rows();
            reference = Csv.read(root.resolve("obs01/reference_posterior_samples.csv")).rows();
        }
        c2st = C2st.sbibm().withThreads(threads);
    }

    @Benchmark
    public double c2st() {
        return c2st.evaluate(samples, reference, 1).accuracy();
    }
}
