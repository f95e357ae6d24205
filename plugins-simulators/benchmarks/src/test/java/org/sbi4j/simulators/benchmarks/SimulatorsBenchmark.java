package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.SimulatorFactory;

/** Time of one batch of 1,000 simulations from the prior, per task. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SimulatorsBenchmark {
    @Param({"two-moons", "gaussian-linear", "gaussian-linear-uniform", "gaussian-mixture", "slcp",
            "slcp-distractors", "bernoulli-glm", "sir", "lotka-volterra"})
    public String task;

    private Simulator simulator;
    private double[][] theta;
    private UniformRandomProvider rng;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        SimulatorFactory<BenchmarkSettings> factory = (SimulatorFactory<BenchmarkSettings>) new BenchmarksPlugin()
                .simulatorFactories().stream().filter(f -> f.name().equals(task)).findFirst().orElseThrow();
        BenchmarkSettings settings = new BenchmarkSettings();
        settings.dataDir = "does-not-exist";
        simulator = factory.create(settings, () -> Path.of("."));
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        theta = simulator.defaultPrior().orElseThrow().sample(1000, rng);
    }

    @Benchmark
    public SimulationResult simulateBatchOf1000() {
        return simulator.simulate(theta, rng);
    }
}
