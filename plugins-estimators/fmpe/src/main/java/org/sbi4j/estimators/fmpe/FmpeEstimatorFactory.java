package org.sbi4j.estimators.fmpe;

import java.io.IOException;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;

/** Builds the {@code fmpe} estimator and restores the posteriors it saved. */
public final class FmpeEstimatorFactory implements EstimatorFactory<FmpeSettings> {

    /** The stable name a config selects this estimator with. */
    public static final String NAME = "fmpe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Flow matching posterior estimation (amortized): a continuous normalizing flow whose vector field "
                + "v(t, θ, x) is trained by conditional flow matching on simulations from the prior; sampled by an "
                + "ODE solve, exact log densities from the augmented ODE";
    }

    @Override
    public Class<FmpeSettings> settingsType() {
        return FmpeSettings.class;
    }

    @Override
    public Estimator create(FmpeSettings settings, PluginContext context) {
        settings.validate();
        return new FmpeEstimator(settings);
    }

    @Override
    public Posterior load(FmpeSettings settings, ModelReader reader, InferenceProblem problem) throws IOException {
        return load(settings, reader, problem, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Posterior load(FmpeSettings settings, ModelReader reader, InferenceProblem problem, int threads)
            throws IOException {
        settings.validate();
        if (settings.feedback.enabled()) {
            SimulatorFeedback.resolve(settings.feedback, problem.simulator());
            return FeedbackPosterior.load(settings, reader, problem.prior(), problem.simulator());
        }
        return FmpePosterior.load(settings, reader, problem.prior(), problem.simulator().dataNames(), threads);
    }
}
