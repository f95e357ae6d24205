package org.sbi4j.estimators.fmpe;

import java.util.List;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;

/** Contributes the {@code fmpe} estimator. */
public final class FmpePlugin implements Plugin {

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new FmpeEstimatorFactory());
    }
}
