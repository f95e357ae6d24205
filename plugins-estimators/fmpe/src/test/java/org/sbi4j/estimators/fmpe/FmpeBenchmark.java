package org.sbi4j.estimators.fmpe;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
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
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.simulators.benchmarks.TwoMoonsSimulator;
import org.sbi4j.testing.SeededRandom;

/**
 * FMPE with default settings on sbibm's two moons, the speed targets of issue 11:
 * <ul>
 *   <li>{@link #sample10k}: 10,000 posterior draws at one observation (target ≤ 1 s);</li>
 *   <li>{@link #logDensity10k}: 10,000 log densities by the augmented ODE, exact divergence (target ≤ 5 s);</li>
 *   <li>{@link #trainTwoMoons10k}: a whole fit on 10⁴ simulations to early stopping (single shot, 3 runs; report
 *   the median; target within 2× of npe's {@code NpeBenchmark.trainTwoMoons10k}).</li>
 * </ul>
 * The sampling benchmarks use a field trained for 20 epochs (the ODE's cost depends on the field, which a full fit
 * makes smoother or rougher; compare with a fully trained one when in doubt). Every benchmark runs with the job's
 * thread count {@link #threads} (2 by default, {@code -p threads=1,2} to compare). Run: {@code scripts/jmh
 * plugins-estimators/fmpe -f 1 -t 1 FmpeBenchmark}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class FmpeBenchmark {
    private static final double[] X0 = {-0.2, 0.1};

    /** The job's thread count (the runtime's {@code --threads}): sampling, densities and training use it. */
    @Param({"2"})
    public int threads;

    private InferenceProblem twoMoons;
    private FmpePosterior posterior;
    private double[][] points;
    private UniformRandomProvider rng;

    /** Simulates and trains a short model for sampling. */
    @Setup
    public void setup() {
        twoMoons = Fits.simulate(new TwoMoonsSimulator(), 10_000, 1);
        FmpeSettings quick = new FmpeSettings();
        quick.maxEpochs = 20;
        posterior = Fits.fit(twoMoons, quick, 1, threads);
        points = posterior.sample(X0, 10_000, SeededRandom.of(2));
        rng = SeededRandom.of(3);
    }

    /** 10,000 draws from the posterior at one observation. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double[][] sample10k() {
        return posterior.sample(X0, 10_000, rng);
    }

    /** 10,000 log densities at one observation. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 2)
    public double[] logDensity10k() {
        return posterior.logDensity(points, X0);
    }

    /** Training on 10⁴ two-moons simulations with default settings until early stopping. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 3)
    public FmpePosterior trainTwoMoons10k() {
        FmpePosterior fitted = Fits.fit(twoMoons, new FmpeSettings(), 7, threads);
        System.out.printf("%n[two moons 10k: %d epochs, best epoch %.0f, best validation loss %.4f, training %.1f s]%n",
                fitted.trainingSummary().epochs(), fitted.trainingSummary().statistics().get("best-epoch"),
                fitted.trainingSummary().statistics().get("best-validation-loss"),
                fitted.trainingSummary().statistics().get("training-seconds"));
        return fitted;
    }
}
