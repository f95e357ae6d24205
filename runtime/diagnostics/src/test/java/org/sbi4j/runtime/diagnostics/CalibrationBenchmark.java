package org.sbi4j.runtime.diagnostics;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;

/**
 * Calibration at the size of a report: N = 1000 simulations, L = 1000 posterior draws each (10⁶ draws), d = 3,
 * with the exact posterior of the conjugate Gaussian test model (log densities included). {@code draw} times
 * {@link CalibrationSampler#draw}, {@code analyze} times {@link Calibration#analyze} (SBC, HPD coverage, TARP) on a
 * fixed sample. Run: {@code scripts/jmh runtime -f 1 -wi 1 -i 3 -t 1 CalibrationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CalibrationBenchmark {
    private static final int D = 3;
    private static final int N = 1000;
    private static final int L = 1000;

    @Param({"1", "2"})
    public int threads;

    private Prior prior;
    private Simulator simulator;
    private Posterior posterior;
    private CalibrationSample sample;

    @Setup
    public void setUp() {
        prior = ConjugateGaussianModel.prior(D);
        simulator = ConjugateGaussianModel.simulator(D);
        posterior = ConjugateGaussianModel.exact(D);
        sample = CalibrationSampler.draw(prior, simulator, posterior, N, L, 1, threads);
    }

    @Benchmark
    public CalibrationSample draw() {
        return CalibrationSampler.draw(prior, simulator, posterior, N, L, 1, threads);
    }

    @Benchmark
    public CalibrationReport analyze() {
        return Calibration.analyze(sample, 1);
    }
}
