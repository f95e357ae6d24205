package org.sbi4j.estimators.lwf;

import java.io.IOException;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;

/** Builds the {@code likelihood-weighted-flow} estimator and restores the posteriors it saved. */
public final class LwfEstimatorFactory implements EstimatorFactory<LwfSettings> {

    /** The stable name a config selects this estimator with. */
    public static final String NAME = "likelihood-weighted-flow";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Likelihood-weighted normalizing flow (needs a likelihood): q(θ | x) trained on prior-predictive "
                + "observations by importance-weighted maximum likelihood, no posterior samples; Gaussian-mixture "
                + "base against probability bridges between modes";
    }

    @Override
    public Class<LwfSettings> settingsType() {
        return LwfSettings.class;
    }

    @Override
    public Estimator create(LwfSettings settings, PluginContext context) {
        settings.validate();
        return new LwfEstimator(settings);
    }

    @Override
    public Posterior load(LwfSettings settings, ModelReader reader, InferenceProblem problem) throws IOException {
        return LwfPosterior.load(reader, problem.prior(), problem.simulator().dataNames());
    }
}
