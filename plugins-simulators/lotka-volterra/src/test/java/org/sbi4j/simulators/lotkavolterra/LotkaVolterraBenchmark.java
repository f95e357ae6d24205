package org.sbi4j.simulators.lotkavolterra;

import java.util.Arrays;
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
 * Simulations per second (per JMH thread; JMH sums over threads with {@code -t}) of the Lotka–Volterra
 * simulators on batches of parameters: the sbibm ODE configuration for 1000 prior draws (plain simulation and
 * vector–Jacobian products), and the Gillespie simulator for 100 prior draws and for 100 copies of the SNL true
 * parameters. Run with {@code scripts/jmh plugins-simulators/lotka-volterra -f 1 -wi 3 -i 5 -t 1
 * LotkaVolterraBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LotkaVolterraBenchmark {
    private static final int ODE_BATCH = 1000;
    private static final int MJP_BATCH = 100;

    private LotkaVolterraOdeSimulator ode;
    private double[][] odeTheta;
    private double[][] odeNoise;
    private double[][] odeCotangent;
    private LotkaVolterraMjpSimulator mjp;
    private double[][] mjpPriorTheta;
    private double[][] mjpTrueTheta;
    private UniformRandomProvider rng;

    /** Draws the parameter batches from the default priors with a fixed seed. */
    @Setup
    public void setUp() {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20240601L);
        ode = new LotkaVolterraOdeSimulator(new LotkaVolterraOdeSettings());
        odeTheta = ode.defaultPrior().orElseThrow().sample(ODE_BATCH, rng);
        odeNoise = ode.sampleNoise(ODE_BATCH, rng);
        odeCotangent = ode.sampleNoise(ODE_BATCH, rng);
        mjp = new LotkaVolterraMjpSimulator(new LotkaVolterraMjpSettings());
        mjpPriorTheta = mjp.defaultPrior().orElseThrow().sample(MJP_BATCH, rng);
        mjpTrueTheta = new double[MJP_BATCH][];
        Arrays.setAll(mjpTrueTheta, i -> new double[] {0.01, 0.5, 1.0, 0.01});
    }

    /** The sbibm ODE configuration, noise drawn inside. */
    @Benchmark
    @OperationsPerInvocation(ODE_BATCH)
    public SimulationResult odeSbibm() {
        return ode.simulate(odeTheta, rng);
    }

    /** Vector–Jacobian products of the sbibm configuration (forward sensitivities). */
    @Benchmark
    @OperationsPerInvocation(ODE_BATCH)
    public double[][] odeVectorJacobianProduct() {
        return ode.vectorJacobianProduct(odeTheta, odeNoise, odeCotangent);
    }

    /** Gillespie runs with parameters from the log-uniform prior (many extinctions and some explosions). */
    @Benchmark
    @OperationsPerInvocation(MJP_BATCH)
    public SimulationResult gillespiePrior() {
        return mjp.simulate(mjpPriorTheta, rng);
    }

    /** Gillespie runs at the SNL true parameters θ* = (0.01, 0.5, 1, 0.01). */
    @Benchmark
    @OperationsPerInvocation(MJP_BATCH)
    public SimulationResult gillespieTrueParameters() {
        return mjp.simulate(mjpTrueTheta, rng);
    }
}
