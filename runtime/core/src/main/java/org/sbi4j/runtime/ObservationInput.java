package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import org.sbi4j.api.SamplerResult;
import org.sbi4j.runtime.sample.ImportanceWeights;

/**
 * An observation to diagnose, with what is known about it.
 *
 * @param name the observation's name, e.g. {@code obs01}
 * @param values x₀
 * @param samples posterior samples already drawn for it, or {@code null} to draw them
 * @param reference samples of the true posterior (a benchmark's reference, or exact draws), or {@code null}
 * @param referenceSource where the reference came from, e.g. "sbibm reference posterior", or {@code null}
 * @param truth the parameters that generated x₀ when known, or {@code null}
 * @param weights the importance weights behind {@code samples} when they were drawn by a refined posterior, or
 *                {@code null}
 * @param sampling what the sampler behind {@code samples} reported (chain statistics, warnings), or {@code null}
 */
public record ObservationInput(String name, double[] values, double[][] samples, double[][] reference,
                               String referenceSource, double[] truth, ImportanceWeights weights,
                               SamplerResult sampling) {

    /** Checks the name and values. */
    public ObservationInput {
        requireNonNull(name, "name is null");
        requireNonNull(values, "values is null");
    }

    /** An observation with nothing else known. */
    public static ObservationInput of(String name, double[] values) {
        return new ObservationInput(name, values, null, null, null, null, null, null);
    }

    /** The same observation with these samples and the importance weights behind them (or {@code null}). */
    public ObservationInput withSamples(double[][] drawn, ImportanceWeights behind) {
        return new ObservationInput(name, values, drawn, reference, referenceSource, truth, behind, null);
    }

    /** The same observation with the samples of these draws, their importance weights and the sampler's report. */
    public ObservationInput withDraws(TrainedModel.Draws draws) {
        return new ObservationInput(name, values, draws.samples(), reference, referenceSource, truth, draws.weights(),
                draws.sampling());
    }

    /** The same observation with a reference posterior and, when known, the true parameters. */
    public ObservationInput withReference(double[][] samples, String source, double[] trueParameters) {
        return new ObservationInput(name, values, this.samples, samples, source, trueParameters, weights, sampling);
    }
}
