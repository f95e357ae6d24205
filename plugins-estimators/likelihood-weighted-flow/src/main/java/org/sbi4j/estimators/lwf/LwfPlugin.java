package org.sbi4j.estimators.lwf;

import java.util.List;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

/** Contributes the {@code likelihood-weighted-flow} estimator. */
public final class LwfPlugin implements Plugin {

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new LwfEstimatorFactory());
    }
}
