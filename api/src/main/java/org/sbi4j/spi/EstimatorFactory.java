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

    /**
     * Restores a posterior that may use {@code threads} worker threads when it draws or evaluates densities (a
     * fitted posterior uses {@link org.sbi4j.api.FitContext#threads()}). Its results must not depend on the
     * count. The default ignores the count and calls {@link #load(Settings, ModelReader, InferenceProblem)}.
     *
     * @param settings the settings the model was trained with
     * @param reader the saved arrays and properties
     * @param problem the prior and simulator rebuilt from the saved configuration (no simulations)
     * @param threads the threads the job may use (at least 1)
     * @return the posterior, equivalent to the one saved
     * @throws IOException when an entry is missing or malformed
     */
    @Experimental(eta = "2027-06-30")
    default Posterior load(S settings, ModelReader reader, InferenceProblem problem, int threads) throws IOException {
        return load(settings, reader, problem);
    }
}
