package org.sbi4j.estimators.abc;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.testing.SeededRandom;

/**
 * Cost of answering one observation: the distance pass over the bank, the selection of the 100 closest and
 * 1,000 KDE draws. Bank: θ ~ U([0,1]⁵), x = 10 noisy linear features of θ.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RejectionAbcBenchmark {
    private static final int PARAMETERS = 5;
    private static final int DATA = 10;

    @Param({"100000", "1000000"})
    public int simulations;

    @Param({"none", "mad"})
    public String scale;

    private RejectionAbcPosterior posterior;
    private SimulationBank bank;
    private double[] data;
    private double[] inverseScales;
    private double[] observation;

    @Setup
    public void setUp() {
        UniformRandomProvider rng = SeededRandom.of(1);
        BoxUniformPrior prior = BoxUniformPrior.cube(PARAMETERS, 0, 1);
        double[] theta = new double[simulations * PARAMETERS];
        double[] x = new double[simulations * DATA];
        for (int i = 0; i < simulations; i++) {
            for (int p = 0; p < PARAMETERS; p++) {
                theta[i * PARAMETERS + p] = rng.nextDouble();
            }
            for (int j = 0; j < DATA; j++) {
                x[i * DATA + j] = theta[i * PARAMETERS + j % PARAMETERS] * (j + 1) + 0.1 * Gaussian.next(rng);
            }
        }
        DataScale dataScale = DataScale.valueOf(scale.toUpperCase(java.util.Locale.ROOT));
        double[] scales = DataScales.of(x, simulations, DATA, dataScale);
        bank = SimulationBank.restore(theta, x, scales, PARAMETERS, DATA);
        data = x;
        inverseScales = new double[DATA];
        for (int j = 0; j < DATA; j++) {
            inverseScales[j] = 1 / scales[j];
        }
        List<String> names = IntStream.range(0, DATA).mapToObj(j -> "x" + j).toList();
        posterior = new RejectionAbcPosterior(prior, names, bank,
                new AbcOptions(0, 0, true, KdeBandwidth.SCOTT, dataScale));
        observation = new double[DATA];
        for (int j = 0; j < DATA; j++) {
            observation[j] = 0.5 * (j + 1);
        }
    }

    @Benchmark
    public double[][] sampleThousand() {
        return posterior.sample(observation, 1000, SeededRandom.of(7));
    }

    @Benchmark
    public int[] nearestHundred() {
        return bank.nearest(observation, 100);
    }

    /** Baseline for {@link #nearestHundred}: all distances, then a full sort. */
    @Benchmark
    public double fullSortBaseline() {
        double[] distances = new double[simulations];
        for (int i = 0, offset = 0; i < simulations; i++, offset += DATA) {
            double squared = 0;
            for (int j = 0; j < DATA; j++) {
                double t = (data[offset + j] - observation[j]) * inverseScales[j];
                squared += t * t;
            }
            distances[i] = squared;
        }
        java.util.Arrays.sort(distances);
        return distances[99];
    }
}
