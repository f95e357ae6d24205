package org.sbi4j.estimators.nre;

import java.io.IOException;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;

/** Builds the {@code nre} estimator and restores the posteriors it saved. */
public final class NreEstimatorFactory implements EstimatorFactory<NreSettings> {

    /** The stable name a config selects this estimator with. */
    public static final String NAME = "nre";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Neural ratio estimation (amortized): a classifier of joint against marginal (θ, x) pairs learns "
                + "log p(x | θ) / p(x); the posterior p(θ) r(x₀ | θ) is drawn by a sampler (nuts by default)";
    }

    @Override
    public Class<NreSettings> settingsType() {
        return NreSettings.class;
    }

    @Override
    public Estimator create(NreSettings settings, PluginContext context) {
        settings.validate();
        return new NreEstimator(settings);
    }

    @Override
    public Posterior load(NreSettings settings, ModelReader reader, InferenceProblem problem) throws IOException {
        return NrePosterior.load(reader, problem.prior(), problem.simulator().dataNames());
    }
}
