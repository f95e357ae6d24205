package org.sbi4j.estimators.abc;

import java.io.IOException;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;

/** Builds the {@code rejection-abc} estimator and restores its saved posteriors. */
public final class RejectionAbcEstimatorFactory implements EstimatorFactory<RejectionAbcSettings> {

    /** The stable name a config selects this estimator with. */
    public static final String NAME = "rejection-abc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Rejection ABC (sbibm REJ-ABC): keeps the simulations closest to x₀ and samples a Gaussian KDE "
                + "fitted to their parameters";
    }

    @Override
    public Class<RejectionAbcSettings> settingsType() {
        return RejectionAbcSettings.class;
    }

    @Override
    public Estimator create(RejectionAbcSettings settings, PluginContext context) {
        return new RejectionAbcEstimator(AbcOptions.of(settings));
    }

    @Override
    public Posterior load(RejectionAbcSettings settings, ModelReader reader, InferenceProblem problem)
            throws IOException {
        return RejectionAbcPosterior.load(AbcOptions.of(settings), reader, problem.prior(),
                problem.simulator().dataNames());
    }
}
