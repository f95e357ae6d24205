package org.sbi4j.estimators.nre;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.samplers.mcmc.McmcPlugin;
import org.sbi4j.simulators.benchmarks.TwoMoonsSimulator;
import org.sbi4j.testing.SamplerBackedPosterior;
import org.sbi4j.testing.SamplerFixtures;
import org.sbi4j.testing.SeededFitContext;
import org.sbi4j.testing.SeededRandom;

/**
 * The speed target of issue 12: 10,000 posterior draws from 100 chains (300 warm-up iterations, as the runtime's
 * default sampler) on sbibm's two moons, reference observation 1, with an nre classifier trained with the default
 * settings on 10⁴ simulations (target ≤ 5 s). One thread, as {@code SamplerBackedPosterior} draws: every density
 * call is one batch across the 100 chains. {@link #gradient100} is one such call (100 rows, log density and
 * gradient), the unit of a NUTS leapfrog step. Run: {@code scripts/jmh plugins-estimators/nre -f 1 -t 1
 * NreBenchmark}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class NreBenchmark {
    private static final int CHAINS = 100;
    private static final int WARM_UP = 300;
    /** sbibm's reference observation 1 of two moons ({@code data/sbibm/two_moons/obs01/observation.csv}). */
    private static final double[] X0 = {-0.6396706, 0.16234657};

    /** The sampler: the runtime's default for nre (nuts) or the gradient-free one (slice). */
    @Param({"nuts"})
    public String sampler;

    private double[] x0;
    private NrePosterior trained;
    private Posterior posterior;
    private double[][] rows;
    private double[][] gradient;
    private UniformRandomProvider rng;
    private final java.util.List<Double> cpuSeconds = new java.util.ArrayList<>();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Simulates 10⁴ two-moons pairs and trains the classifier with the default settings. */
    @Setup
    public void setup() {
        TwoMoonsSimulator simulator = new TwoMoonsSimulator();
        Prior prior = simulator.defaultPrior().orElseThrow();
        double[][] theta = prior.sample(10_000, SeededRandom.of(1, "prior"));
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(1, "simulate"));
        InferenceProblem problem = new InferenceProblem(prior, simulator, new Simulations(theta, result.data(), 0));
        trained = (NrePosterior) new NreEstimator(new NreSettings()).fit(problem,
                SeededFitContext.of(1).withThreads(1).withSimulator(simulator));
        System.out.printf("%n[nre two moons 10k: %d epochs, training %.1f s]%n", trained.trainingSummary().epochs(),
                trained.trainingSummary().statistics().get("training-seconds"));
        x0 = X0.clone();
        Sampler chains = SamplerFixtures.create(new McmcPlugin().samplerFactories(), sampler, CHAINS, WARM_UP);
        posterior = SamplerBackedPosterior.of(trained, prior, chains);
        System.out.printf("[%s statistics: %s]%n", sampler, chains.sample(SamplerBackedPosterior.problem(trained,
                prior, X0), 10_000, SeededRandom.of(4)).statistics());
        rows = prior.sample(CHAINS, SeededRandom.of(2));
        gradient = new double[CHAINS][2];
        rng = SeededRandom.of(3);
    }

    /** 10,000 draws at observation 1 from 100 chains after 300 warm-up iterations. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public double[][] sample10kFrom100Chains() {
        long start = THREADS.getCurrentThreadCpuTime();
        double[][] draws = posterior.sample(x0, 10_000, rng);
        cpuSeconds.add((THREADS.getCurrentThreadCpuTime() - start) / 1e9);
        return draws;
    }

    /**
     * Prints the CPU seconds of each sampling run (warm-up first): on a machine shared with other jobs the wall time
     * grows with the load, while the CPU time of this single-threaded work stays close to a quiet machine's wall time.
     */
    @TearDown
    public void report() {
        if (!cpuSeconds.isEmpty()) {
            System.out.printf("%n[CPU seconds per 10,000 draws: %s]%n", cpuSeconds);
        }
    }

    /** One batched call: log densities and θ-gradients of 100 rows, as one step of 100 chains asks. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double[] gradient100() {
        return trained.logDensityGradient(rows, x0, gradient);
    }
}
