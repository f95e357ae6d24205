package org.sbi4j.estimators.likelihood;

import org.sbi4j.api.Sampler;
import org.sbi4j.samplers.mcmc.McmcPlugin;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.NoSettings;
import org.sbi4j.testing.EstimatorContract;
import org.sbi4j.testing.SamplerFixtures;

/** The estimator contract for {@code likelihood}, drawn with NUTS (the conjugate model's likelihood has a gradient). */
class TestLikelihoodContract extends EstimatorContract<NoSettings> {

    @Override
    protected EstimatorFactory<NoSettings> factory() {
        return new LikelihoodEstimatorFactory();
    }

    @Override
    protected NoSettings settings() {
        return new NoSettings();
    }

    @Override
    protected Sampler sampler() {
        return SamplerFixtures.create(new McmcPlugin().samplerFactories(), "nuts", 4, 300);
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
