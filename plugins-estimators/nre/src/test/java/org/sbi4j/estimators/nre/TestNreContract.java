package org.sbi4j.estimators.nre;

import org.sbi4j.samplers.mcmc.NutsDrawnEstimatorContract;
import org.sbi4j.spi.EstimatorFactory;

/**
 * NRE (variant a) meets the estimator contract on the conjugate Gaussian model, with a small classifier trained
 * briefly and drawn with NUTS (4 chains), as the runtime draws it.
 */
class TestNreContract extends NutsDrawnEstimatorContract<NreSettings> {

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
}
