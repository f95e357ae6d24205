package org.sbi4j.estimators.npe;

import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.testing.EstimatorContract;

/** NPE meets the estimator contract on the conjugate Gaussian model, with a small flow trained briefly. */
class TestNpeContract extends EstimatorContract<NpeSettings> {

    @Override
    protected EstimatorFactory<NpeSettings> factory() {
        return new NpeEstimatorFactory();
    }

    @Override
    protected NpeSettings settings() {
        NpeSettings settings = new NpeSettings();
        settings.transforms = 2;
        settings.hiddenFeatures = 32;
        settings.maxEpochs = 80;
        settings.learningRate = 2e-3;
        settings.batchSize = 100;
        return settings;
    }
}
