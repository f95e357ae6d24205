package org.sbi4j.estimators.nle;

import org.sbi4j.samplers.mcmc.NutsDrawnEstimatorContract;
import org.sbi4j.spi.EstimatorFactory;

/**
 * NLE meets the estimator contract on the conjugate Gaussian model, with a small flow trained briefly and drawn with
 * NUTS (4 chains), as the runtime draws it.
 */
class TestNleContract extends NutsDrawnEstimatorContract<NleSettings> {

    @Override
    protected EstimatorFactory<NleSettings> factory() {
        return new NleEstimatorFactory();
    }

    @Override
    protected NleSettings settings() {
        NleSettings settings = new NleSettings();
        settings.hiddenFeatures = 32;
        settings.transforms = 3;
        settings.maxEpochs = 80;
        settings.learningRate = 2e-3;
        settings.batchSize = 100;
        return settings;
    }
}
