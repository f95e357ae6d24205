package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;

/**
 * What the estimators on this library share: they need simulations only, and enough of them that the training
 * split holds one full batch besides the validation split.
 *
 * @param <S> the settings type
 */
public abstract class NeuralEstimator<S extends NeuralSettings> implements Estimator {
    /** The settings, validated by the factory. */
    protected final S settings;

    /** @param settings the estimator's settings */
    protected NeuralEstimator(S settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Set<Capability> requirements() {
        return Set.of(Capability.SIMULATIONS);
    }

    /**
     * Enough simulations that the training split holds one full batch of {@code batch-size} besides the
     * {@code validation-fraction} held out for early stopping (222 with npe's defaults): with fewer, every epoch is
     * one step on a handful of examples and early stopping has next to nothing to judge by.
     */
    @Override
    public int minimumSimulations() {
        return settings.trainingConfig().minimumExamples();
    }
}
