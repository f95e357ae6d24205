package org.sbi4j.nn;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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

/**
 * Throwaway timing (not a unit test) of what one leapfrog step of nle's sampler costs: log q(x₀ | θ) and its
 * gradient in the context θ for a batch of 100 chains, float64, with npe's NSF (5 transforms, 50 hidden units, 10
 * bins, tail bound 4). {@code inputsOnly} is the sampler's path (no weight-gradient products), {@code withWeights}
 * the full backward that also accumulates the parameter gradients (the path before the input-only backward),
 * {@code densityOnly} the forward pass alone. Shapes: two_moons (x 2, θ 2), slcp (x 8, θ 5), lotka_volterra (x 20,
 * θ 4). Run: {@code java -cp <test classpath> org.openjdk.jmh.Main ContextGradientBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class ContextGradientBenchmark {

    /** Width of x (the flow's variable) and of θ (its context), as {@code x:θ}. */
    @Param({"2:2", "8:5", "20:4"})
    public String shape;

    private static final int N = 100;
    private ConditionalFlow flow;
    private Mat x;
    private Mat theta;
    private Mat grad;
    private double[] logq;

    /** Builds the flow (weights perturbed away from the identity) and a batch. */
    @Setup
    public void setup() {
        String[] parts = shape.split(":");
        int dx = Integer.parseInt(parts[0]);
        int dtheta = Integer.parseInt(parts[1]);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        DensityModelSpec spec = new DensityModelSpec();
        spec.thetaDim = dx;
        spec.contextDim = dtheta;
        spec.tailBound = 4;
        flow = (ConditionalFlow) DensityModels.create(spec, Precision.FLOAT64, rng);
        Buffer values = flow.parameters().values();
        for (int i = 0; i < flow.parameters().size(); i++) {
            values.set(i, values.get(i) + 0.05 * (2 * rng.nextDouble() - 1));
        }
        x = Mat.zeros(Precision.FLOAT64, N, dx);
        theta = Mat.zeros(Precision.FLOAT64, N, dtheta);
        for (int r = 0; r < N; r++) {
            for (int j = 0; j < dx; j++) {
                x.set(r, j, 2 * rng.nextDouble() - 1);
            }
            for (int j = 0; j < dtheta; j++) {
                theta.set(r, j, 2 * rng.nextDouble() - 1);
            }
        }
        grad = Mat.zeros(Precision.FLOAT64, N, dtheta);
        logq = new double[N];
        flow.ensureCapacity(N);
    }

    /** The sampler's path: input-only backward. */
    @Benchmark
    public double inputsOnly() {
        flow.logDensityAndContextGradient(x, theta, N, logq, grad);
        return logq[0] + grad.get(0, 0);
    }

    /** The full backward, accumulating the weight gradients as well. */
    @Benchmark
    public double withWeights() {
        flow.logDensityAndContextGradient(x, theta, N, logq, grad, true);
        return logq[0] + grad.get(0, 0);
    }

    /** The forward pass alone (log q, no gradient). */
    @Benchmark
    public double densityOnly() {
        flow.logDensity(x, theta, N, logq);
        return logq[0];
    }
}
