package org.sbi4j.estimators.fmpe;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalVectorField;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.FitReport;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.TrainingResult;
import org.sbi4j.nn.ode.OdeSolver;

/**
 * Flow matching posterior estimation: fits the vector field of q(θ | x) by conditional flow matching on all the
 * simulations the runtime hands over. Training is single-threaded and driven only by the context's
 * {@code "init"}, {@code "shuffle"} and {@code "noise"} streams, so the same seed gives a bit-identical model
 * whatever the thread budget.
 */
final class FmpeEstimator implements Estimator {

    private final FmpeSettings settings;

    FmpeEstimator(FmpeSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Set<Capability> requirements() {
        return Set.of(Capability.SIMULATIONS);
    }

    /** Enough simulations that the training split holds one full batch besides the validation split. */
    @Override
    public int minimumSimulations() {
        return settings.trainingConfig().minimumExamples();
    }

    @Override
    public FmpePosterior fit(InferenceProblem problem, FitContext context) {
        Simulations simulations = FitReport.trainingSimulations(problem, "fmpe");
        Prior prior = problem.prior();
        List<String> dataNames = problem.simulator().dataNames();
        ThetaBijection bijection = SupportTruncation.bijectionFor(prior, settings.transformTheta,
                settings.transformIntervals);
        double[][] theta = SupportTruncation.insideOpenSupport(simulations.theta(), bijection, prior);
        DataTransform dataTransform = DataTransform.forTraining(simulations.data(), dataNames.size(),
                settings.logData, "fmpe", context.listener());
        double[][] data = dataTransform.apply(simulations.data());
        ConditionalVectorField field = ConditionalVectorField.create(settings.fieldSpec(), bijection, theta, data,
                settings.standardize, Precision.FLOAT32, context.random("init"));
        long start = System.nanoTime();
        TrainingResult result = field.fit(theta, data, settings.sigmaMin, settings.timePriorExponent,
                settings.trainingConfig(), context.random("shuffle"), context.random("noise"), context.listener());
        double seconds = (System.nanoTime() - start) / 1e9;
        OdeSolver solver = settings.odeSolver();
        double acceptance = new SupportTruncation("fmpe", prior, bijection, settings.minAcceptance).probeAcceptance(
                data, (xi, m, rng) -> field.sample(xi, m, rng, solver, null, null, 0),
                context.random("acceptance-probe"));
        TrainingSummary summary = new FitReport("fmpe", "vector field", settings.maxEpochs, settings.learningRate)
                .summarize(result, seconds, simulations, field.parameters().size(), acceptance, context.listener());
        return new FmpePosterior(prior, dataNames, field, dataTransform, settings, summary);
    }
}
