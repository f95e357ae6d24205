package org.sbi4j.simulators.lensing;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sbi4j.api.SimulationResult;

/**
 * Images per second of the default lensing simulator (64×64, 2×2 supersampling, PSF, noise) for a batch of 64
 * parameter draws from the default prior, and the cost of the vector–Jacobian product and of the likelihood
 * gradient. Run: {@code scripts/jmh plugins-simulators/lensing -f 1 -wi 3 -i 5 -t 1 LensingBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LensingBenchmark {
    private static final int BATCH = 64;

    private LensingSimulator simulator;
    private double[][] theta;
    private double[][] noise;
    private double[][] cotangent;
    private double[] observation;
    private UniformRandomProvider rng;
    private int next;

    /** Draws the batch, its noise, cotangents and an observation. */
    @Setup
    public void setUp() {
        simulator = new LensingSimulator();
        UniformRandomProvider seeded = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        theta = simulator.defaultPrior().orElseThrow().sample(BATCH, seeded);
        noise = simulator.sampleNoise(BATCH, seeded);
        cotangent = simulator.sampleNoise(BATCH, seeded);
        observation = simulator.simulate(new double[][] {TestLensImage.TYPICAL}, seeded).row(0);
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create();
    }

    /** Simulates the batch with fresh noise; the score is images per second. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public SimulationResult simulate() {
        return simulator.simulate(theta, rng);
    }

    /** Vector–Jacobian products for the batch; the score is products per second. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[][] vectorJacobianProduct() {
        return simulator.vectorJacobianProduct(theta, noise, cotangent);
    }

    /** One log-likelihood gradient (render plus backward pass); the score is gradients per second. */
    @Benchmark
    public double logLikelihoodGradient() {
        double[] gradient = new double[theta[0].length];
        double[] t = theta[next++ & (BATCH - 1)];
        return simulator.logLikelihoodGradient(t, observation, gradient) + gradient[0];
    }
}
