package org.sbi4j.estimators.fmpe;

import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalVectorField;
import org.sbi4j.nn.FitReport;
import org.sbi4j.nn.NeuralEstimator;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.TrainingData;
import org.sbi4j.nn.TrainingResult;
import org.sbi4j.nn.ode.OdeSolver;

/**
 * Flow matching posterior estimation: fits the vector field of q(θ | x) by conditional flow matching on the
 * simulations, in one thread from the context's {@code "init"}, {@code "shuffle"} and {@code "noise"} streams
 * (bit-identical for one seed, whatever the thread budget).
 */
final class FmpeEstimator extends NeuralEstimator<FmpeSettings> {

    FmpeEstimator(FmpeSettings settings) {
        super(settings);
    }

    @Override
    public FmpePosterior fit(InferenceProblem problem, FitContext context) {
        TrainingData training = TrainingData.prepare(problem, "fmpe", settings.transformTheta,
                settings.transformIntervals, settings.logData, context.listener());
        double[][] theta = training.theta();
        double[][] data = training.x();
        ConditionalVectorField field = ConditionalVectorField.create(settings.fieldSpec(), training.bijection(), theta,
                data, settings.standardize, Precision.FLOAT32, context.random("init"));
        long start = System.nanoTime();
        TrainingResult result = field.fit(theta, data, settings.sigmaMin, settings.timePriorExponent,
                settings.trainingConfig().withThreads(context.threads()), context.random("shuffle"),
                context.random("noise"), context.listener());
        double seconds = (System.nanoTime() - start) / 1e9;
        OdeSolver solver = settings.odeSolver();
        double acceptance = new SupportTruncation("fmpe", training.prior(), training.bijection(),
                settings.minAcceptance).probeAcceptance(
                data, (xi, m, rng) -> field.sample(xi, m, rng, solver, null, null, 0),
                context.random("acceptance-probe"));
        TrainingSummary summary = new FitReport("fmpe", "vector field", settings.maxEpochs, settings.learningRate)
                .summarize(result, seconds, training.simulations(), field.parameters().size(), acceptance,
                        context.listener());
        return new FmpePosterior(training.prior(), training.dataNames(), field, training.dataTransform(), settings,
                summary);
    }
}
