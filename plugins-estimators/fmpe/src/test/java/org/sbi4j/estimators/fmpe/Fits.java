package org.sbi4j.estimators.fmpe;

import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.nn.TruncatedPosterior;
import org.sbi4j.testing.SeededFitContext;
import org.sbi4j.testing.SeededRandom;

/** Simulated problems and seeded fits for the tests. */
final class Fits {
    private Fits() {
    }

    /** {@code n} simulations from the simulator's default prior, seeded. */
    static InferenceProblem simulate(Simulator simulator, int n, long seed) {
        Prior prior = simulator.defaultPrior().orElseThrow();
        double[][] theta = prior.sample(n, SeededRandom.of(seed, "prior"));
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(seed, "simulate"));
        return new InferenceProblem(prior, simulator, new Simulations(theta, result.data(), 0));
    }

    /** The problem without its simulations, as {@code load} receives it. */
    static InferenceProblem bare(InferenceProblem problem) {
        return new InferenceProblem(problem.prior(), problem.simulator(), null);
    }

    /** A fit with the context seeded by {@code seed} and {@code threads} threads. */
    static FmpePosterior fit(InferenceProblem problem, FmpeSettings settings, long seed, int threads) {
        return (FmpePosterior) fitAny(problem, settings, seed, threads);
    }

    /** As {@link #fit}, for any settings (with feedback the posterior is a {@link FeedbackPosterior}). */
    static TruncatedPosterior fitAny(InferenceProblem problem, FmpeSettings settings, long seed, int threads) {
        return new FmpeEstimator(settings).fit(problem, SeededFitContext.of(seed).withThreads(threads)
                .withSimulator(problem.simulator()));
    }

    /** Small, fast settings for tests of the machinery (not of accuracy). */
    static FmpeSettings small() {
        FmpeSettings s = new FmpeSettings();
        s.hiddenFeatures = 32;
        s.blocks = 2;
        s.embeddingDim = 8;
        s.embeddingHidden = new int[] {16};
        s.maxEpochs = 30;
        s.batchSize = 100;
        s.learningRate = 2e-3;
        return s;
    }
}
