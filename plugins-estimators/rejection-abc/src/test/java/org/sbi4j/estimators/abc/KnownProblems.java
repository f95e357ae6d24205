package org.sbi4j.estimators.abc;

import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.NormalPrior;
import org.sbi4j.testing.SeededFitContext;
import org.sbi4j.testing.SeededRandom;

/** Test problems with known answers, and the plumbing to fit them. */
final class KnownProblems {
    /** Noise sd of the conjugate model. */
    static final double CONJUGATE_NOISE = 0.5;

    private KnownProblems() {
    }

    /** θ ~ N(0, 1), x | θ ~ N(θ, 0.5²): posterior N(0.8·x₀, 0.2). */
    static Simulator conjugateGaussian() {
        return new AdditiveNoiseSimulator(new NormalPrior(new double[] {0}, new double[] {1}, List.of("mu")),
                CONJUGATE_NOISE, List.of("x"));
    }

    /** θ ~ U([0, 1]²), x | θ ~ N(θ, 0.05² I). */
    static Simulator noisyUnitSquare() {
        return new AdditiveNoiseSimulator(BoxUniformPrior.cube(2, 0, 1).withNames(List.of("a", "b")), 0.05,
                List.of("x_a", "x_b"));
    }

    /** Analytic posterior mean of the conjugate model. */
    static double conjugatePosteriorMean(double observation) {
        double precision = 1 + 1 / (CONJUGATE_NOISE * CONJUGATE_NOISE);
        return observation / (CONJUGATE_NOISE * CONJUGATE_NOISE) / precision;
    }

    /** Analytic posterior sd of the conjugate model. */
    static double conjugatePosteriorSd() {
        return Math.sqrt(1 / (1 + 1 / (CONJUGATE_NOISE * CONJUGATE_NOISE)));
    }

    /** A problem with {@code n} simulations from the simulator's default prior. */
    static InferenceProblem withSimulations(Simulator simulator, int n, long seed) {
        Prior prior = simulator.defaultPrior().orElseThrow();
        UniformRandomProvider rng = SeededRandom.of(seed);
        double[][] theta = prior.sample(n, rng);
        SimulationResult result = simulator.simulate(theta, rng);
        return new InferenceProblem(prior, simulator, new Simulations(theta, result.data(), 0));
    }

    /** The same prior and simulator without simulations, as the runtime hands them to {@code load}. */
    static InferenceProblem withoutSimulations(InferenceProblem problem) {
        return new InferenceProblem(problem.prior(), problem.simulator(), null);
    }

    /** A fit context with a fixed seed and no listener. */
    static FitContext context() {
        return SeededFitContext.of(1);
    }

    /** x = θ + sd·ε component-wise, with a default prior. */
    private static final class AdditiveNoiseSimulator implements Simulator {
        private final Prior prior;
        private final double sd;
        private final List<String> dataNames;

        AdditiveNoiseSimulator(Prior prior, double sd, List<String> dataNames) {
            this.prior = prior;
            this.sd = sd;
            this.dataNames = dataNames;
        }

        @Override
        public List<String> parameterNames() {
            return prior.parameterNames();
        }

        @Override
        public List<String> dataNames() {
            return dataNames;
        }

        @Override
        public Optional<Prior> defaultPrior() {
            return Optional.of(prior);
        }

        @Override
        public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            double[][] x = new double[theta.length][theta.length == 0 ? 0 : theta[0].length];
            for (int i = 0; i < theta.length; i++) {
                for (int j = 0; j < theta[i].length; j++) {
                    x[i][j] = theta[i][j] + sd * Gaussian.next(rng);
                }
            }
            return SimulationResult.of(x);
        }
    }
}
