package org.sbi4j.estimators.fmpe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalVectorField;
import org.sbi4j.nn.ControlNetwork;
import org.sbi4j.nn.FitReport;
import org.sbi4j.nn.NeuralEstimator;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.TrainingData;
import org.sbi4j.nn.TrainingResult;
import org.sbi4j.nn.TruncatedPosterior;
import org.sbi4j.nn.VectorFieldSpec;
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
    public TruncatedPosterior fit(InferenceProblem problem, FitContext context) {
        TrainingData training = TrainingData.prepare(problem, "fmpe", settings.transformTheta,
                settings.transformIntervals, settings.logData, context.listener());
        double[][] theta = training.theta();
        double[][] data = training.x();
        VectorFieldSpec spec;
        try {
            spec = settings.fieldSpec(training.dataNames().size());
        } catch (IllegalArgumentException e) {
            throw SbiException.userError("fmpe: " + e.getMessage());
        }
        ConditionalVectorField field = ConditionalVectorField.create(spec, training.bijection(), theta,
                data, settings.standardize, Precision.FLOAT32, context.random("init"));
        long start = System.nanoTime();
        TrainingResult result = field.fit(theta, data, settings.sigmaMin, settings.timePriorExponent,
                settings.trainingConfig().withThreads(context.threads()), context.random("shuffle"),
                context.random("noise"), context.listener());
        double seconds = (System.nanoTime() - start) / 1e9;
        OdeSolver solver = settings.sampleSolver();
        double acceptance = new SupportTruncation("fmpe", training.prior(), training.bijection(),
                settings.minAcceptance).probeAcceptance(
                data, (xi, m, rng) -> field.sample(xi, m, rng, solver, null, null, 0),
                context.random("acceptance-probe"));
        TrainingSummary summary = new FitReport("fmpe", "vector field", settings.maxEpochs, settings.learningRate)
                .summarize(result, seconds, training.simulations(), field.parameters().size(), acceptance,
                        context.listener());
        if (!settings.feedback.enabled()) {
            return new FmpePosterior(training.prior(), training.dataNames(), field, training.dataTransform(),
                    settings, summary, context.threads());
        }
        return fineTune(problem, context, training, field, summary);
    }

    @Override
    public void checkSimulator(Simulator simulator) {
        if (settings.feedback.enabled()) {
            SimulatorFeedback.resolve(settings.feedback, simulator);
        }
    }

    /** Freezes the pretrained field and fine-tunes a control network with simulator feedback. */
    private FeedbackPosterior fineTune(InferenceProblem problem, FitContext context, TrainingData training,
                                       ConditionalVectorField field, TrainingSummary pretraining) {
        Simulator simulator = problem.simulator();
        SimulatorFeedback feedback = new SimulatorFeedback(settings.feedback, simulator, field.coordinates(),
                training.dataTransform());
        ControlNetwork control = new ControlNetwork(feedback.shape(), Precision.FLOAT32,
                context.random("feedback-init"));
        double[][] rawX = training.simulations().data();
        if (rawX.length != training.theta().length) {
            throw new IllegalStateException("simulations and parameters are not aligned");
        }
        SimulatorFeedback.Tuning tuning = feedback.train(field, control, field.coordinates().modelTheta(
                training.theta()), field.coordinates().modelX(training.x()), rawX, settings.sigmaMin,
                context.random("feedback"), context.random("feedback-simulate"), context.listener());
        int flowWeights = field.parameters().size();
        int controlWeights = control.parameters().size();
        int perSample = feedback.callsPerSample();
        context.listener().onMessage(String.format(Locale.ROOT, "fmpe feedback: %s control (%s signal) with %d "
                + "weights (%.1f%% of the flow's %d), fine-tuned in %.1f s on %d simulator calls (%d steps), flow-"
                + "matching loss on t >= %.2f from %.4f to %.4f; sampling calls the simulator %d times per draw",
                settings.feedback.control, feedback.signal().name().toLowerCase(Locale.ROOT), controlWeights,
                100.0 * controlWeights / flowWeights, flowWeights, tuning.seconds(), tuning.simulatorCalls(),
                tuning.steps(), settings.feedback.gateTime, tuning.firstLoss(), tuning.lastLoss(), perSample));
        Map<String, Double> stats = new LinkedHashMap<>(pretraining.statistics());
        stats.put("feedback-control-parameters", (double) controlWeights);
        stats.put("feedback-seconds", tuning.seconds());
        stats.put("feedback-simulator-calls", (double) tuning.simulatorCalls());
        stats.put("feedback-first-loss", tuning.firstLoss());
        stats.put("feedback-last-loss", tuning.lastLoss());
        stats.put("simulator-calls-per-sample", (double) perSample);
        TrainingSummary summary = new TrainingSummary(pretraining.epochs(), pretraining.trainingLoss(),
                pretraining.validationLoss(), stats);
        return new FeedbackPosterior(training.prior(), training.dataNames(), field, control,
                training.dataTransform(), settings, simulator, summary);
    }
}
