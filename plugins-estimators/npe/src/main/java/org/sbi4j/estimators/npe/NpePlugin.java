package org.sbi4j.estimators.npe;

import java.util.List;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

/** Contributes the {@code npe} estimator. */
public final class NpePlugin implements Plugin {

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new NpeEstimatorFactory());
    }
}
