package org.sbi4j.estimators.fmpe;

import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.testing.EstimatorContract;

/** FMPE meets the estimator contract on the conjugate Gaussian model, with a small field trained briefly. */
class TestFmpeContract extends EstimatorContract<FmpeSettings> {

    @Override
    protected EstimatorFactory<FmpeSettings> factory() {
        return new FmpeEstimatorFactory();
    }

    @Override
    protected FmpeSettings settings() {
        FmpeSettings settings = Fits.small();
        settings.maxEpochs = 60;
        return settings;
    }
}
