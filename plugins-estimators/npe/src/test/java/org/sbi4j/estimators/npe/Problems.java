package org.sbi4j.estimators.npe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.testing.ConjugateGaussian;
import org.sbi4j.testing.SeededFitContext;

/** Small test problems with known answers, written here so the tests need no simulator plugin. */
final class Problems {
    private Problems() {
    }

    /** θ ~ N(0, I₂), x = θ + N(0, 0.5² I₂): posterior N(0.8·x₀, 0.2·I₂). */
    static ConjugateGaussian conjugateGaussian() {
        return ConjugateGaussian.standard();
    }

    /** Analytic posterior mean of the conjugate model, per coordinate. */
    static double conjugateMean(double x) {
        return conjugateGaussian().posteriorMean(new double[] {x})[0];
    }

    /** Analytic posterior sd of the conjugate model, per coordinate. */
    static double conjugateSd() {
        return conjugateGaussian().posteriorSd();
    }

    /** Analytic log posterior density of the conjugate model. */
    static double conjugateLogPosterior(double[] theta, double[] x) {
        return conjugateGaussian().posteriorLogDensity(theta, x);
    }

    /** θ ~ U([0, 1]²), x = θ + N(0, sd² I₂). */
    static Simulator noisyUnitSquare(double sd) {
        return new AdditiveNoise(BoxUniformPrior.cube(2, 0, 1).withNames(List.of("a", "b")), sd);
    }

    /** sbibm's two moons (TASKS.md §8): θ ~ U([−1, 1]²), x ∈ ℝ². */
    static Simulator twoMoons() {
        return new TwoMoons();
    }

    /** A problem with {@code n} simulations from the simulator's default prior. */
    static InferenceProblem withSimulations(Simulator simulator, int n, long seed) {
        Prior prior = simulator.defaultPrior().orElseThrow();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] theta = prior.sample(n, rng);
        SimulationResult result = simulator.simulate(theta, rng);
        return new InferenceProblem(prior, simulator, new Simulations(theta, result.data(), 0));
    }

    /** The same problem without simulations, as the runtime hands it to {@code load}. */
    static InferenceProblem withoutSimulations(InferenceProblem problem) {
        return new InferenceProblem(problem.prior(), problem.simulator(), null);
    }

    /** A generator. */
    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** A fit context with named streams derived from {@code seed}. */
    static FitContext context(long seed, int threads, TrainingListener listener) {
        return SeededFitContext.of(seed).withThreads(threads).withListener(listener);
    }

    /** A fit context with seed 1, one thread and no listener. */
    static FitContext context() {
        return context(1, 1, TrainingListener.NONE);
    }

    /** Collects listener messages. */
    static final class Messages implements TrainingListener {
        final List<String> lines = new ArrayList<>();
        int epochs;

        @Override
        public synchronized void onEpoch(int epoch, double trainingLoss, double validationLoss) {
            epochs = epoch;
        }

        @Override
        public synchronized void onMessage(String message) {
            lines.add(message);
        }
    }

    /** x = θ + sd·ε component-wise. */
    private static final class AdditiveNoise implements Simulator {
        private final Prior prior;
        private final double sd;

        AdditiveNoise(Prior prior, double sd) {
            this.prior = prior;
            this.sd = sd;
        }

        @Override
        public List<String> parameterNames() {
            return prior.parameterNames();
        }

        @Override
        public List<String> dataNames() {
            List<String> names = new ArrayList<>();
            for (String p : prior.parameterNames()) {
                names.add("x_" + p);
            }
            return names;
        }

        @Override
        public Optional<Prior> defaultPrior() {
            return Optional.of(prior);
        }

        @Override
        public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            double[][] x = new double[theta.length][];
            for (int i = 0; i < theta.length; i++) {
                x[i] = new double[theta[i].length];
                for (int j = 0; j < theta[i].length; j++) {
                    x[i][j] = theta[i][j] + sd * Gaussian.next(rng);
                }
            }
            return SimulationResult.of(x);
        }
    }

    /** Two moons, from the specification in data/sbibm/TASKS.md §8. */
    static final class TwoMoons implements Simulator {
        private final Prior prior = BoxUniformPrior.cube(2, -1, 1).withNames(List.of("theta_1", "theta_2"));

        @Override
        public List<String> parameterNames() {
            return prior.parameterNames();
        }

        @Override
        public List<String> dataNames() {
            return List.of("x_1", "x_2");
        }

        @Override
        public Optional<Prior> defaultPrior() {
            return Optional.of(prior);
        }

        @Override
        public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            double[][] x = new double[theta.length][2];
            for (int i = 0; i < theta.length; i++) {
                double a = Math.PI * (rng.nextDouble() - 0.5);
                double r = 0.1 + 0.01 * Gaussian.next(rng);
                double t1 = theta[i][0];
                double t2 = theta[i][1];
                x[i][0] = r * Math.cos(a) + 0.25 - Math.abs(t1 + t2) / Math.sqrt(2);
                x[i][1] = r * Math.sin(a) + (-t1 + t2) / Math.sqrt(2);
            }
            return SimulationResult.of(x);
        }

        /**
         * The noise radius r that maps θ to x₀ (u, v as in TASKS.md §8), or NaN when no angle in (−π/2, π/2)
         * does (u ≤ 0): the likelihood is N(r; 0.1, 0.01²)/(π r) there and 0 otherwise.
         */
        static double radius(double[] theta, double[] x0) {
            double u = x0[0] + Math.abs(theta[0] + theta[1]) / Math.sqrt(2) - 0.25;
            double v = x0[1] - (-theta[0] + theta[1]) / Math.sqrt(2);
            return u > 0 ? Math.hypot(u, v) : Double.NaN;
        }
    }
}
