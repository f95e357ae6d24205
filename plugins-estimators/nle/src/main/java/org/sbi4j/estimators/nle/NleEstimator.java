package org.sbi4j.estimators.nle;

import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.FitReport;
import org.sbi4j.nn.NeuralEstimator;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.TrainingData;
import org.sbi4j.nn.TrainingResult;

/**
 * Neural likelihood estimation: fits q(x | θ), a conditional flow with θ (unconstrained, z-scored) as its context,
 * by maximum likelihood on all the simulations the runtime hands over. Training is single-threaded and driven only
 * by the context's {@code "init"} and {@code "shuffle"} streams, so the same seed gives a bit-identical model
 * whatever the thread budget.
 */
final class NleEstimator extends NeuralEstimator<NleSettings> {

    NleEstimator(NleSettings settings) {
        super(settings);
    }

    /** Its posteriors are p(θ) q(x₀ | θ), known up to a constant: drawn by a sampler. */
    @Override
    public boolean posteriorsNeedSampler() {
        return true;
    }

    @Override
    public NlePosterior fit(InferenceProblem problem, FitContext context) {
        TrainingData data = TrainingData.prepare(problem, NleEstimatorFactory.NAME, settings.transformTheta,
                settings.transformIntervals, settings.logData, context.listener());
        ThetaBijection bijection = data.bijection();
        double[][] u = unconstrained(data.theta(), bijection);
        double[][] x = data.x();
        ConditionalDensity likelihood = ConditionalDensity.create(settings.modelSpec(),
                ThetaBijection.identity(data.dataNames().size()), x, u, settings.standardize, Precision.FLOAT32,
                context.random("init"));
        long start = System.nanoTime();
        TrainingResult result = likelihood.fit(x, u, null, settings.trainingConfig(), context.random("shuffle"),
                context.listener());
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainingSummary summary = new FitReport(NleEstimatorFactory.NAME, settings.flow.toString(),
                settings.maxEpochs, settings.learningRate).summarize(result, seconds, data.simulations(),
                likelihood.model().parameters().size(), Double.NaN, context.listener());
        return new NlePosterior(data.prior(), data.dataNames(), likelihood, bijection, data.dataTransform(), summary);
    }

    /** θ rows (inside the bijection's open support) in unconstrained coordinates: the flow's context. */
    private static double[][] unconstrained(double[][] theta, ThetaBijection bijection) {
        double[][] u = new double[theta.length][bijection.dimension()];
        for (int r = 0; r < theta.length; r++) {
            bijection.toUnconstrained(theta[r], u[r]);
        }
        return u;
    }
}
