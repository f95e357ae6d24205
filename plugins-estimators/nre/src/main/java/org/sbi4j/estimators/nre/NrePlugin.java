package org.sbi4j.estimators.nre;

import java.util.List;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

/** Contributes the {@code nre} estimator. */
public final class NrePlugin implements Plugin {

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new NreEstimatorFactory());
    }
}
