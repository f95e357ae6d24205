package org.sbi4j.estimators.likelihood;

import org.sbi4j.samplers.mcmc.NutsDrawnEstimatorContract;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.NoSettings;

/** The estimator contract for {@code likelihood}, drawn with NUTS (the conjugate model's likelihood has a gradient). */
class TestLikelihoodContract extends NutsDrawnEstimatorContract<NoSettings> {

    @Override
    protected EstimatorFactory<NoSettings> factory() {
        return new LikelihoodEstimatorFactory();
    }

    @Override
    protected NoSettings settings() {
        return new NoSettings();
    }

    @Override
    protected int warmUp() {
        return 300;
    }

    /** The exact posterior: only Monte Carlo error remains (4,000 NUTS draws: about 0.03 sd). */
    @Override
    protected double meanTolerance() {
        return 0.1;
    }

    @Override
    protected double covarianceTolerance() {
        return 0.15;
    }
}
