package org.sbi4j.samplers.mcmc;

import org.sbi4j.api.Sampler;
import org.sbi4j.spi.Settings;
import org.sbi4j.testing.EstimatorContract;
import org.sbi4j.testing.SamplerFixtures;

/**
 * The estimator contract for an estimator whose posteriors need a sampler (nre, nle, likelihood): they are drawn
 * with this plugin's {@code nuts} on 4 chains, as the runtime draws them by default. In this module's test-jar.
 *
 * @param <S> the estimator's settings
 */
public abstract class NutsDrawnEstimatorContract<S extends Settings> extends EstimatorContract<S> {

    /** Warm-up iterations per chain (200 unless overridden). */
    protected int warmUp() {
        return 200;
    }

    @Override
    protected final Sampler sampler() {
        return SamplerFixtures.create(new McmcPlugin().samplerFactories(), "nuts", 4, warmUp());
    }
}
