package org.sbi4j.simulators.mixtures;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the three tasks on batches of 10⁴: simulation, log likelihoods, exact posterior draws
 * (including the per-observation preparation), and the preparation alone (quadrature for sign-symmetric).
 * Run with {@code scripts/jmh plugins-simulators/mixtures -f 1 -wi 3 -i 5 -t 1 MixturesBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MixturesBenchmark {
    private static final int BATCH = 10_000;

    private final OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
    private final OffsetMixtureSimulator cube = OffsetMixtureSimulator.cubeCorners(8, 2, 0.3, 6);
    private final SignSymmetricSimulator signs = new SignSymmetricSimulator(2, 0.1, 3);
    private final double[] ringObservation = {0.3, -0.2};
    private final double[] cubeObservation = {0.2, -0.3, 0.1};
    private final double[] signObservation = {1.0, 0.5};
    private UniformRandomProvider rng;
    private double[][] ringTheta;
    private double[][] cubeTheta;
    private double[][] signTheta;

    /** Fixed parameter batches from the default priors. */
    @Setup
    public void setUp() {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        ringTheta = ring.defaultPrior().orElseThrow().sample(BATCH, rng);
        cubeTheta = cube.defaultPrior().orElseThrow().sample(BATCH, rng);
        signTheta = signs.defaultPrior().orElseThrow().sample(BATCH, rng);
    }

    @Benchmark
    public Object ringSimulate() {
        return ring.simulate(ringTheta, rng);
    }

    @Benchmark
    public Object cubeSimulate() {
        return cube.simulate(cubeTheta, rng);
    }

    @Benchmark
    public Object signSymmetricSimulate() {
        return signs.simulate(signTheta, rng);
    }

    @Benchmark
    public Object ringLogLikelihoods() {
        return ring.logLikelihoods(ringTheta, ringObservation);
    }

    @Benchmark
    public Object cubeLogLikelihoods() {
        return cube.logLikelihoods(cubeTheta, cubeObservation);
    }

    @Benchmark
    public Object ringSamplePosterior() {
        return ring.samplePosterior(ringObservation, BATCH, rng);
    }

    @Benchmark
    public Object cubeSamplePosterior() {
        return cube.samplePosterior(cubeObservation, BATCH, rng);
    }

    @Benchmark
    public Object signSymmetricSamplePosterior() {
        return signs.samplePosterior(signObservation, BATCH, rng);
    }

    @Benchmark
    public Object signSymmetricPreparePosterior() {
        return signs.posterior(signObservation);
    }
}
