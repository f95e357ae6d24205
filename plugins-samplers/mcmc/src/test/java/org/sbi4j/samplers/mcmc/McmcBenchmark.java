package org.sbi4j.samplers.mcmc;

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
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.testing.SeededRandom;

/**
 * Effective draws per second of each sampler on the 10-d correlated Gaussian of the tests (sd 1 to 10, correlation
 * 0.5^|i−j|): 4 chains, 1000 warm-up iterations, 4000 draws, no thinning. Each measured run prints the smallest
 * bulk effective sample size over the parameters; ESS per second = the median of those over the median time. The
 * issue's target: hmc and nuts at least 5× metropolis-hastings. Run: {@code scripts/jmh plugins-samplers/mcmc -f 1
 * -t 1 McmcBenchmark}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class McmcBenchmark {
    private static final int D = 10;

    /** The sampler. */
    @Param({"metropolis-hastings", "slice", "hmc", "nuts"})
    public String sampler;

    private ChainSampler chains;
    private SamplingProblem problem;
    private UniformRandomProvider rng;
    private final java.util.List<Double> ess = new java.util.ArrayList<>();

    /** Builds the sampler and the target. */
    @Setup
    public void setup() {
        chains = switch (sampler) {
            case "metropolis-hastings" -> new MetropolisHastings(SamplerConformance.configure(
                    new MetropolisHastings.Settings(), 4, 1000, 1));
            case "slice" -> new Slice(SamplerConformance.configure(new Slice.Settings(), 4, 1000, 1));
            case "hmc" -> new Hmc(SamplerConformance.configure(new Hmc.Settings(), 4, 1000, 1));
            case "nuts" -> new Nuts(SamplerConformance.configure(new Nuts.Settings(), 4, 1000, 1));
            default -> throw new IllegalArgumentException(sampler);
        };
        problem = Targets.problem(Targets.gaussian(new double[D], Targets.correlatedCovariance(D)),
                Targets.unbounded(D, 20), 1);
        rng = SeededRandom.of(1);
    }

    /** 4000 draws from 4 chains after 1000 warm-up iterations. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 7)
    public SamplerResult draw4000() {
        SamplerResult result = chains.sample(problem, 4000, rng);
        ess.add(result.statistics().get("effective-sample-size"));
        return result;
    }

    /** Prints the effective sample sizes of the runs (warm-up runs first). */
    @TearDown
    public void report() {
        System.out.printf("%n[%s: smallest ESS per run %s]%n", sampler, ess);
    }
}
