package org.sbi4j.estimators.likelihood;

import java.io.IOException;
import java.util.Set;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.NoSettings;
import org.sbi4j.spi.PluginContext;

/** Builds the {@code likelihood} estimator, which trains nothing, and restores its (empty) saved posteriors. */
public final class LikelihoodEstimatorFactory implements EstimatorFactory<NoSettings> {

    /** The stable name a config selects this estimator with. */
    public static final String NAME = "likelihood";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Exact posterior prior × likelihood of a simulator with a tractable likelihood, drawn by a sampler "
                + "(nuts when the likelihood has a gradient, else slice, unless sampler: {type: ...} says otherwise); "
                + "no simulations, no training";
    }

    @Override
    public Class<NoSettings> settingsType() {
        return NoSettings.class;
    }

    @Override
    public Estimator create(NoSettings settings, PluginContext context) {
        return new Estimator() {
            @Override
            public Set<Capability> requirements() {
                return Set.of(Capability.LIKELIHOOD);
            }

            @Override
            public boolean posteriorsNeedSampler() {
                return true;
            }

            @Override
            public Posterior fit(InferenceProblem problem, FitContext fitContext) {
                return LikelihoodPosterior.of(problem);
            }
        };
    }

    @Override
    public Posterior load(NoSettings settings, ModelReader reader, InferenceProblem problem) throws IOException {
        String format = reader.property("format");
        if (!LikelihoodPosterior.FORMAT.equals(format)) {
            throw new IOException("likelihood model has format '" + format + "', this version reads "
                    + LikelihoodPosterior.FORMAT);
        }
        return LikelihoodPosterior.of(problem);
    }
}
