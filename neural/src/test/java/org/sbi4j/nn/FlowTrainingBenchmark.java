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
 * One Adam training step (batch 200, forward + backward + update) and 10,000 posterior draws of a conditional
 * flow with 5 transforms of 50 hidden units, θ and x of dimension 2 (sbi's NPE defaults).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class FlowTrainingBenchmark {

    /** Model family. */
    @Param({"NSF", "MAF"})
    public String type;

    private ConditionalDensity density;
    private ConditionalDensityModel model;
    private Adam adam;
    private Mat theta;
    private Mat x;
    private UniformRandomProvider rng;
    private final double[] x0 = {0.1, -0.3};

    /** Builds the model and a batch. */
    @Setup
    public void setup() {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        int n = 1000;
        double[][] th = new double[n][2];
        double[][] xs = new double[n][2];
        for (int i = 0; i < n; i++) {
            th[i][0] = 2 * rng.nextDouble() - 1;
            th[i][1] = 2 * rng.nextDouble() - 1;
            xs[i][0] = th[i][0] + 0.1 * rng.nextDouble();
            xs[i][1] = th[i][1] - 0.1 * rng.nextDouble();
        }
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = DensityModelSpec.Type.valueOf(type);
        spec.transforms = 5;
        spec.hiddenFeatures = 50;
        density = ConditionalDensity.create(spec, new ThetaBijection(new double[] {-1, -1}, new double[] {1, 1}),
                th, xs, true, Precision.FLOAT32, rng);
        model = density.model();
        adam = new Adam(model.parameters(), 5.0);
        int batch = 200;
        theta = Mat.of(Precision.FLOAT32, java.util.Arrays.copyOf(density.modelTheta(th), batch));
        x = Mat.of(Precision.FLOAT32, java.util.Arrays.copyOf(density.modelX(xs), batch));
        model.ensureCapacity(batch);
    }

    /** Zero gradients, loss and backward pass on 200 rows, Adam update. */
    @Benchmark
    public double trainingStep() {
        model.parameters().zeroGradients();
        double loss = model.lossAndGradient(theta, x, null, 200);
        adam.step(1e-5);
        return loss;
    }

    /** 10,000 draws from q(θ | x₀) in prior coordinates. */
    @Benchmark
    public double[][] sample10k() {
        return density.sample(x0, 10_000, rng, null);
    }
}
