package org.sbi4j.estimators.npe;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.nn.Adam;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.ConditionalDensityModel;
import org.sbi4j.nn.Mat;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.ThetaBijection;

/**
 * NPE with default settings (NSF: 5 transforms, 50 hidden units, 10 bins) on two moons (θ and x in 2-D,
 * simulator from sbibm TASKS.md §8, see {@link Problems.TwoMoons}):
 * <ul>
 *   <li>{@link #trainingStep}: one Adam step on a batch of 200 (forward, backward, update);</li>
 *   <li>{@link #sample10k}: 10,000 posterior draws through {@link NpePosterior#sample};</li>
 *   <li>{@link #trainTwoMoons10k}: a whole fit on 10⁴ simulations to early stopping (single shot, 3 runs; report
 *   the median).</li>
 * </ul>
 * Run: {@code java -cp ... org.openjdk.jmh.Main -f 1 -t 1 NpeBenchmark}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class NpeBenchmark {
    private static final double[] X0 = {-0.2, 0.1};

    private InferenceProblem twoMoons;
    private NpePosterior posterior;
    private ConditionalDensityModel model;
    private Adam adam;
    private Mat thetaBatch;
    private Mat xBatch;
    private UniformRandomProvider rng;

    /** Simulates, trains a short model for sampling, and prepares one training batch. */
    @Setup
    public void setup() {
        twoMoons = Problems.withSimulations(Problems.twoMoons(), 10_000, 1);
        NpeSettings quick = new NpeSettings();
        quick.maxEpochs = 20;
        posterior = new NpeEstimator(quick).fit(twoMoons, Problems.context(1, 1, TrainingListener.NONE));
        double[][] theta = twoMoons.requireSimulations().theta();
        double[][] x = twoMoons.requireSimulations().data();
        ConditionalDensity density = ConditionalDensity.create(new NpeSettings().modelSpec(2),
                ThetaBijection.forPrior(twoMoons.prior()), theta, x, true, Precision.FLOAT32, Problems.rng(2));
        model = density.model();
        adam = new Adam(model.parameters(), 5.0);
        thetaBatch = Mat.of(Precision.FLOAT32, java.util.Arrays.copyOf(density.modelTheta(theta), 200));
        xBatch = Mat.of(Precision.FLOAT32, java.util.Arrays.copyOf(density.modelX(x), 200));
        model.ensureCapacity(200);
        rng = Problems.rng(3);
    }

    /** Zero gradients, loss and backward pass on 200 rows, Adam update. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double trainingStep() {
        model.parameters().zeroGradients();
        double loss = model.lossAndGradient(thetaBatch, xBatch, null, 200);
        adam.step(1e-6);
        return loss;
    }

    /** 10,000 draws from the posterior at one observation. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double[][] sample10k() {
        return posterior.sample(X0, 10_000, rng);
    }

    /** Training on 10⁴ two-moons simulations with default settings until early stopping. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 3)
    public NpePosterior trainTwoMoons10k() {
        NpePosterior fitted = new NpeEstimator(new NpeSettings())
                .fit(twoMoons, Problems.context(7, 1, TrainingListener.NONE));
        System.out.printf("%n[two moons 10k: %d epochs, best epoch %.0f, best validation loss %.4f, training %.1f s]%n",
                fitted.trainingSummary().epochs(), fitted.trainingSummary().statistics().get("best-epoch"),
                fitted.trainingSummary().statistics().get("best-validation-loss"),
                fitted.trainingSummary().statistics().get("training-seconds"));
        return fitted;
    }
}
