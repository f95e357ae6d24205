package org.sbi4j.estimators.npe;

import java.io.IOException;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;

/** Builds the {@code npe} estimator and restores the posteriors it saved. */
public final class NpeEstimatorFactory implements EstimatorFactory<NpeSettings> {

    /** The stable name a config selects this estimator with. */
    public static final String NAME = "npe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Neural posterior estimation (amortized): a conditional normalizing flow (NSF by default, MAF) or "
                + "mixture density network q(θ | x) trained on simulations from the prior";
    }

    @Override
    public Class<NpeSettings> settingsType() {
        return NpeSettings.class;
    }

    @Override
    public Estimator create(NpeSettings settings, PluginContext context) {
        settings.validate();
        return new NpeEstimator(settings);
    }

    @Override
    public Posterior load(NpeSettings settings, ModelReader reader, InferenceProblem problem) throws IOException {
        return NpePosterior.load(settings, reader, problem.prior(), problem.simulator().dataNames());
    }
}
