package org.sbi4j.estimators.likelihood;

import java.util.List;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

/** Contributes the {@code likelihood} estimator. */
public final class LikelihoodPlugin implements Plugin {

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new LikelihoodEstimatorFactory());
    }
}
