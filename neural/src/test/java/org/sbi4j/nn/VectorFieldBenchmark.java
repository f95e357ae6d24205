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
 * Throwaway timing (not a unit test) of the flow-matching vector field on a batch of 10,000 rows, float32:
 * one forward (one ODE-solver evaluation when sampling), forward + exact divergence (one evaluation of the
 * augmented log-density ODE), and a training forward + backward at batch 10,000. 3 blocks of width 128, GELU,
 * x of the same dimension as θ fed raw. Run: {@code java -cp <test classpath> org.openjdk.jmh.Main
 * VectorFieldBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class VectorFieldBenchmark {

    /** Dimension of θ (and x). */
    @Param({"2", "10"})
    public int dim;

    /** Whether all rows share one x (one observation: the gates are computed once per evaluation). */
    @Param({"false", "true"})
    public boolean oneObservation;

    private static final int N = 10_000;
    private VectorFieldNetwork net;
    private ParameterSet params;
    private Divergence divergence;
    private Mat theta;
    private Mat grad;
    private double[] t;
    private double[] div;

    /** Builds the network and a batch. */
    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        VectorFieldSpec spec = new VectorFieldSpec();
        spec.thetaDim = dim;
        spec.contextDim = dim;
        spec.hiddenFeatures = 128;
        spec.blocks = 3;
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT32);
        net = new VectorFieldNetwork(b, "v", spec);
        params = b.build(rng);
        theta = GradientCheck.randomMat(Precision.FLOAT32, N, dim, rng, 2.0);
        grad = GradientCheck.randomMat(Precision.FLOAT32, N, dim, rng, 1.0);
        Mat x = GradientCheck.randomMat(Precision.FLOAT32, N, dim, rng, 2.0);
        if (oneObservation) {
            for (int r = 1; r < N; r++) {
                for (int j = 0; j < dim; j++) {
                    x.set(r, j, x.get(0, j));
                }
            }
        }
        net.setContext(x, N);
        t = new double[N];
        for (int i = 0; i < N; i++) {
            t[i] = rng.nextDouble();
        }
        div = new double[N];
        divergence = new Divergence(Precision.FLOAT32, dim);
    }

    /** One solver evaluation of dθ/dt. */
    @Benchmark
    public Mat forward() {
        return net.forward(0.5, theta, N);
    }

    /** One solver evaluation of d[θ, ℓ]/dt with the exact divergence. */
    @Benchmark
    public double[] forwardAndExactDivergence() {
        net.forward(0.5, theta, N);
        divergence.exact(net, N, div);
        return div;
    }

    /** A training pass (per-row times, all parameter gradients; x-embedding-free, so no setContext needed). */
    @Benchmark
    public double forwardBackward() {
        params.zeroGradients();
        net.forward(t, theta, N);
        net.backward(grad, N, false);
        return params.gradients().get(0);
    }
}
