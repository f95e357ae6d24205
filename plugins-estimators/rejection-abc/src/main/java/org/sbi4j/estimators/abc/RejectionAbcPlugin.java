package org.sbi4j.estimators.abc;

import java.util.List;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

/** Contributes the {@code rejection-abc} estimator. */
public final class RejectionAbcPlugin implements Plugin {

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new RejectionAbcEstimatorFactory());
    }
}
