package org.sbi4j.spi;

import java.io.IOException;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.Posterior;

/**
 * Builds an {@link Estimator} from its settings, and restores the posteriors it saved.
 *
 * @param <S> the settings type
 */
public interface EstimatorFactory<S extends Settings> extends ComponentFactory<S, Estimator> {

    /**
     * Restores a posterior written by {@link Posterior#save}.
     *
     * @param settings the settings the model was trained with
     * @param reader the saved arrays and properties
     * @param problem the prior and simulator rebuilt from the saved configuration (no simulations)
     * @return the posterior, equivalent to the one saved
     * @throws IOException when an entry is missing or malformed
     */
    Posterior load(S settings, ModelReader reader, InferenceProblem problem) throws IOException;
}
