package org.sbi4j.estimators.nre;

import org.sbi4j.api.Sampler;
import org.sbi4j.samplers.mcmc.McmcPlugin;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.testing.EstimatorContract;
import org.sbi4j.testing.SamplerFixtures;

/**
 * NRE (variant a) meets the estimator contract on the conjugate Gaussian model, with a small classifier trained
 * briefly and drawn with NUTS (4 chains), as the runtime draws it.
 */
class TestNreContract extends EstimatorContract<NreSettings> {

    @Override
    protected EstimatorFactory<NreSettings> factory() {
        return new NreEstimatorFactory();
    }

    @Override
    protected NreSettings settings() {
        NreSettings settings = new NreSettings();
        settings.hiddenFeatures = 32;
        settings.maxEpochs = 80;
        settings.learningRate = 2e-3;
        settings.batchSize = 100;
        return settings;
    }

    @Override
    protected Sampler sampler() {
        return SamplerFixtures.create(new McmcPlugin().samplerFactories(), "nuts", 4, 200);
    }
}
