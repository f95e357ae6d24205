package org.sbi4j.estimators.abc;

import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.testing.EstimatorContract;

/**
 * Rejection ABC meets the estimator contract on the conjugate Gaussian model. Its posterior has no density (the
 * KDE it samples is truncated to the prior support by redrawing and never renormalised), so only the draws are
 * checked.
 */
class TestRejectionAbcContract extends EstimatorContract<RejectionAbcSettings> {

    @Override
    protected EstimatorFactory<RejectionAbcSettings> factory() {
        return new RejectionAbcEstimatorFactory();
    }

    @Override
    protected RejectionAbcSettings settings() {
        return new RejectionAbcSettings();
    }

    @Override
    protected int simulationBudget() {
        return 20_000;
    }
}
