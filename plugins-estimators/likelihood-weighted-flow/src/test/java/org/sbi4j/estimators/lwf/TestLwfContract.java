package org.sbi4j.estimators.lwf;

import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.testing.EstimatorContract;

/**
 * The likelihood-weighted flow meets the estimator contract on the conjugate Gaussian model (amortised over 1,000
 * simulated observations, 64 likelihood evaluations each, auto mixture base).
 */
class TestLwfContract extends EstimatorContract<LwfSettings> {

    @Override
    protected EstimatorFactory<LwfSettings> factory() {
        return new LwfEstimatorFactory();
    }

    @Override
    protected int simulationBudget() {
        return 1000;
    }

    @Override
    protected LwfSettings settings() {
        LwfSettings settings = new LwfSettings();
        settings.draws = 64;
        settings.transforms = 2;
        settings.hiddenFeatures = 32;
        settings.maxEpochs = 40;
        settings.roundEpochs = 5;
        return settings;
    }
}
