package org.sbi4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;

/**
 * The contract every {@link Simulator} must meet: consistent names and shapes, determinism under a seed, a
 * validity mask that matches the data, no state shared across calls or threads, and, where the simulator
 * offers them, a likelihood that is finite at its own simulations and vector–Jacobian products that match
 * finite differences. Extend it and implement {@link #createSimulator()}.
 */
public abstract class SimulatorContract {

    /** The simulator under test. */
    protected abstract Simulator createSimulator();

    /** Where test parameters come from: the simulator's default prior unless overridden. */
    protected Prior prior(Simulator simulator) {
        return simulator.defaultPrior().orElseThrow(() -> new AssertionError(
                "the simulator has no default prior: override prior(Simulator) in the test"));
    }

    /** Batch size of the checks. */
    protected int batchSize() {
        return 16;
    }

    /** Smallest acceptable share of valid runs for parameters drawn from the prior. */
    protected double minimumValidFraction() {
        return 0.5;
    }

    /** Relative tolerance of the finite-difference checks of vector–Jacobian products and likelihood gradients. */
    protected double gradientTolerance() {
        return 1e-4;
    }

    private double[][] parameters(Simulator simulator, long seed) {
        return prior(simulator).sample(batchSize(), SeededRandom.of(seed));
    }

    @Test
    void namesAreConsistentWithThePrior() {
        Simulator simulator = createSimulator();
        assertThat(simulator.parameterNames()).isNotEmpty().doesNotContainNull();
        assertThat(simulator.dataNames()).isNotEmpty().doesNotContainNull();
        assertThat(new HashSet<>(simulator.parameterNames())).hasSameSizeAs(simulator.parameterNames());
        assertThat(new HashSet<>(simulator.dataNames())).hasSameSizeAs(simulator.dataNames());
        assertThat(prior(simulator).dimension()).isEqualTo(simulator.parameterNames().size());
    }

    @Test
    void resultHasOneRowOfTheDataLengthPerParameterRow() {
        Simulator simulator = createSimulator();
        double[][] theta = parameters(simulator, 1);
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(2));
        assertThat(result.size()).isEqualTo(theta.length);
        int valid = 0;
        for (int i = 0; i < result.size(); i++) {
            if (result.isValid(i)) {
                valid++;
                assertThat(result.row(i)).hasSize(simulator.dataNames().size());
                for (double v : result.row(i)) {
                    assertThat(v).isFinite();
                }
            }
        }
        assertThat((double) valid / theta.length).isGreaterThanOrEqualTo(minimumValidFraction());
    }

    @Test
    void emptyBatchGivesEmptyResult() {
        Simulator simulator = createSimulator();
        double[][] none = new double[0][simulator.parameterNames().size()];
        assertThat(simulator.simulate(none, SeededRandom.of(1)).size()).isZero();
    }

    @Test
    void sameSeedSameDataAndInputUntouched() {
        Simulator simulator = createSimulator();
        double[][] theta = parameters(simulator, 3);
        double[][] copy = deepCopy(theta);
        SimulationResult a = simulator.simulate(theta, SeededRandom.of(7));
        SimulationResult b = simulator.simulate(theta, SeededRandom.of(7));
        assertThat(theta).as("the simulator must not modify its input").isDeepEqualTo(copy);
        assertSameResult(a, b);
    }

    @Test
    void otherSeedOtherData() {
        Simulator simulator = createSimulator();
        double[][] theta = parameters(simulator, 3);
        SimulationResult a = simulator.simulate(theta, SeededRandom.of(7));
        SimulationResult b = simulator.simulate(theta, SeededRandom.of(8));
        boolean differs = false;
        for (int i = 0; i < a.size() && !differs; i++) {
            differs = a.isValid(i) && b.isValid(i) && !Arrays.equals(a.row(i), b.row(i));
        }
        assertThat(differs).as("a stochastic simulator must use its random generator").isTrue();
    }

    @Test
    void concurrentCallsShareNoState() throws Exception {
        Simulator simulator = createSimulator();
        int calls = 8;
        List<double[][]> thetas = new ArrayList<>();
        List<SimulationResult> sequential = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            thetas.add(parameters(simulator, 100 + c));
            sequential.add(simulator.simulate(thetas.get(c), SeededRandom.of(200 + c)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SimulationResult>> futures = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                int call = c;
                futures.add(pool.submit(() -> simulator.simulate(thetas.get(call), SeededRandom.of(200 + call))));
            }
            for (int c = 0; c < calls; c++) {
                assertSameResult(futures.get(c).get(), sequential.get(c));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void likelihoodIsFiniteAtOwnSimulations() {
        Simulator simulator = createSimulator();
        if (!(simulator instanceof Likelihood)) {
            return;
        }
        Likelihood likelihood = (Likelihood) simulator;
        double[][] theta = parameters(simulator, 5);
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(6));
        for (int i = 0; i < theta.length; i++) {
            if (result.isValid(i)) {
                assertThat(likelihood.logLikelihood(theta[i], result.row(i)))
                        .as("log likelihood of row %d at its own parameters", i).isFinite();
            }
        }
    }

    @Test
    void vectorJacobianProductMatchesFiniteDifferences() {
        Simulator simulator = createSimulator();
        if (!(simulator instanceof DifferentiableSimulator)) {
            return;
        }
        DifferentiableSimulator diff = (DifferentiableSimulator) simulator;
        double[][] theta = Arrays.copyOf(parameters(simulator, 9), 3);
        double[][] noise = diff.sampleNoise(theta.length, SeededRandom.of(10));
        SimulationResult base = diff.simulate(theta, noise);
        double[][] cotangent = new double[theta.length][simulator.dataNames().size()];
        var rng = SeededRandom.of(12);
        for (double[] row : cotangent) {
            for (int k = 0; k < row.length; k++) {
                row[k] = 2 * rng.nextDouble() - 1;
            }
        }
        double[][] vjp = diff.vectorJacobianProduct(theta, noise, cotangent);
        for (int i = 0; i < theta.length; i++) {
            if (!base.isValid(i)) {
                continue;
            }
            for (int j = 0; j < theta[i].length; j++) {
                double h = 1e-6 * Math.max(1, Math.abs(theta[i][j]));
                double[][] plus = {theta[i].clone()};
                double[][] minus = {theta[i].clone()};
                plus[0][j] += h;
                minus[0][j] -= h;
                double[] xp = diff.simulate(plus, new double[][] {noise[i]}).row(0);
                double[] xm = diff.simulate(minus, new double[][] {noise[i]}).row(0);
                double fd = 0;
                double scale = 0;
                for (int k = 0; k < xp.length; k++) {
                    fd += cotangent[i][k] * (xp[k] - xm[k]) / (2 * h);
                    scale += Math.abs(cotangent[i][k] * (xp[k] - xm[k]) / (2 * h));
                }
                assertThat(vjp[i][j]).as("VJP row %d, parameter %s", i, simulator.parameterNames().get(j))
                        .isCloseTo(fd, Offset.offset(gradientTolerance() * (1 + scale)));
            }
        }
    }

    @Test
    void randomSimulationEqualsSimulationWithNoiseFromTheSameGenerator() {
        Simulator simulator = createSimulator();
        if (!(simulator instanceof DifferentiableSimulator)) {
            return;
        }
        DifferentiableSimulator diff = (DifferentiableSimulator) simulator;
        double[][] theta = parameters(simulator, 13);
        double[][] noise = diff.sampleNoise(theta.length, SeededRandom.of(14));
        assertThat(noise).as("noise shape").hasDimensions(theta.length, diff.noiseDimension());
        assertSameResult(diff.simulate(theta, SeededRandom.of(14)), diff.simulate(theta, noise));
    }

    @Test
    void likelihoodGradientMatchesFiniteDifferences() {
        Simulator simulator = createSimulator();
        if (!(simulator instanceof Likelihood) || !((Likelihood) simulator).hasGradient()) {
            return;
        }
        Likelihood likelihood = (Likelihood) simulator;
        double[][] theta = Arrays.copyOf(parameters(simulator, 15), 3);
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(16));
        for (int i = 0; i < theta.length; i++) {
            if (!result.isValid(i)) {
                continue;
            }
            double[] x = result.row(i);
            double[] gradient = new double[theta[i].length];
            double value = likelihood.logLikelihoodGradient(theta[i], x, gradient);
            // relative, not exact: an ODE solved with its sensitivities takes other steps than without them
            assertThat(value).as("log likelihood returned with the gradient, row %d", i).isCloseTo(
                    likelihood.logLikelihood(theta[i], x), Offset.offset(gradientTolerance() * (1 + Math.abs(value))));
            FiniteDifferences.assertGradient("log likelihood of row " + i, t -> likelihood.logLikelihood(t, x),
                    theta[i], gradient, gradientTolerance());
        }
    }

    /**
     * Asserts that two results hold the same mask and the same valid rows, bit for bit.
     *
     * @param actual one result
     * @param expected the other
     */
    protected static void assertSameResult(SimulationResult actual, SimulationResult expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.isValid(i)).as("validity of row %d", i).isEqualTo(expected.isValid(i));
            if (expected.isValid(i)) {
                assertThat(actual.row(i)).as("row %d", i).containsExactly(expected.row(i));
            }
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }
}
