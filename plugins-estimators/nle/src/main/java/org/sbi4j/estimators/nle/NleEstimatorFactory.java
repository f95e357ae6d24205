package org.sbi4j.estimators.nle;

import java.io.IOException;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;

/** Builds the {@code nle} estimator and restores the posteriors it saved. */
public final class NleEstimatorFactory implements EstimatorFactory<NleSettings> {

    /** The stable name a config selects this estimator with. */
    public static final String NAME = "nle";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Neural likelihood estimation (amortized): a conditional normalizing flow q(x | θ) (NSF by default, "
                + "MAF) trained on simulations from the prior; the posterior p(θ) q(x₀ | θ) is drawn by a sampler "
                + "(nuts by default), several i.i.d. observation rows adding their log q";
    }

    @Override
    public Class<NleSettings> settingsType() {
        return NleSettings.class;
    }

    @Override
    public Estimator create(NleSettings settings, PluginContext context) {
        settings.validate();
        return new NleEstimator(settings);
    }

    @Override
    public Posterior load(NleSettings settings, ModelReader reader, InferenceProblem problem) throws IOException {
        return NlePosterior.load(reader, problem.prior(), problem.simulator().dataNames());
    }
}
