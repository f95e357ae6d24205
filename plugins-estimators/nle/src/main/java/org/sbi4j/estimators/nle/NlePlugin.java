package org.sbi4j.estimators.nle;

import java.util.List;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

/** Contributes the {@code nle} estimator. */
public final class NlePlugin implements Plugin {

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new NleEstimatorFactory());
    }
}
