package org.sbi4j.estimators.npe;

import java.util.List;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.FitReport;
import org.sbi4j.nn.NeuralEstimator;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.TrainingData;
import org.sbi4j.nn.TrainingResult;

/**
 * Neural posterior estimation: fits q(θ | x) by maximum likelihood on all the simulations the runtime hands
 * over. Training is single-threaded and driven only by the context's {@code "init"} and {@code "shuffle"}
 * streams, so the same seed gives a bit-identical model whatever the thread budget.
 */
final class NpeEstimator extends NeuralEstimator<NpeSettings> {

    NpeEstimator(NpeSettings settings) {
        super(settings);
    }

    @Override
    public NpePosterior fit(InferenceProblem problem, FitContext context) {
        TrainingData data = TrainingData.prepare(problem, "npe", settings.transformTheta, settings.transformIntervals,
                settings.logData, context.listener());
        Simulations simulations = data.simulations();
        Prior prior = data.prior();
        List<String> dataNames = data.dataNames();
        ThetaBijection bijection = data.bijection();
        double[][] theta = data.theta();
        DataTransform dataTransform = data.dataTransform();
        double[][] x = data.x();
        DensityModelSpec spec;
        try {
            spec = settings.modelSpec(dataNames.size());
        } catch (IllegalArgumentException e) {
            throw SbiException.userError("npe: " + e.getMessage());
        }
        ConditionalDensity density = ConditionalDensity.create(spec, bijection, theta, x, settings.standardize,
                Precision.FLOAT32, context.random("init"));
        long start = System.nanoTime();
        TrainingResult result = density.fit(theta, x, null, settings.trainingConfig().withThreads(context.threads()),
                context.random("shuffle"),
                context.listener());
        double seconds = (System.nanoTime() - start) / 1e9;
        double acceptance = new SupportTruncation("npe", prior, bijection, settings.minAcceptance).probeAcceptance(x,
                (xi, m, rng) -> density.sample(xi, m, rng, null), context.random("acceptance-probe"));
        TrainingSummary summary = new FitReport("npe", settings.flow.toString(), settings.maxEpochs,
                settings.learningRate).summarize(result, seconds, simulations, density.model().parameters().size(),
                acceptance, context.listener());
        return new NpePosterior(prior, dataNames, density, SupportTruncation.coversSupport(bijection, prior),
                dataTransform, settings.minAcceptance, summary);
    }

    /**
     * The map of θ to the flow's coordinates: identity without {@code transform-theta}; else log for every
     * half-bounded parameter and, with {@code transform-intervals}, logit for every finite interval.
     *
     * @param prior the prior, whose bounds decide
     * @param settings the settings
     * @return the bijection
     */
    static ThetaBijection bijectionFor(Prior prior, NpeSettings settings) {
        return SupportTruncation.bijectionFor(prior, settings.transformTheta, settings.transformIntervals);
    }
}
