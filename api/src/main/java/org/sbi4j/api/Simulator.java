package org.sbi4j.api;

import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A stochastic simulator: parameters θ in, synthetic data x out, a whole batch per call.
 *
 * <p>Contract: a simulator is pure. It keeps no state between calls and all randomness comes from the
 * {@code rng} argument, so the runtime may run batches on many threads at once and the same seed gives
 * the same data. A run that fails is marked invalid in the {@link SimulationResult}, never thrown.
 *
 * <p>Optional capabilities are expressed by also implementing {@link Likelihood} or by extending
 * {@link DifferentiableSimulator}; estimators declare which they need through {@link Capability}.
 */
public interface Simulator {

    /** Names of the parameters, in order; the length of θ. */
    List<String> parameterNames();

    /** Names of the data components, in order; the length of x. */
    List<String> dataNames();

    /**
     * Simulates one data set per parameter row.
     *
     * @param theta an {@code n × parameterNames().size()} batch of parameters (not modified)
     * @param rng the only source of randomness
     * @return {@code n} data rows of length {@code dataNames().size()} with a validity mask
     */
    SimulationResult simulate(double[][] theta, UniformRandomProvider rng);

    /**
     * The prior that belongs to this model, when the model defines one (every benchmark task does). A
     * configuration may replace it.
     */
    default Optional<Prior> defaultPrior() {
        return Optional.empty();
    }

    /** Reference observations and posterior samples, for benchmark tasks whose data are available. */
    default Optional<ReferenceData> referenceData() {
        return Optional.empty();
    }
}
