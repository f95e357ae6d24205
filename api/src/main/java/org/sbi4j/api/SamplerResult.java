package org.sbi4j.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.sbi4j.spi.Experimental;

/**
 * What a {@link Sampler} drew: equally weighted samples, the weighted draws behind them when the method weighs
 * (importance sampling), and the statistics a user needs to trust them (effective sample size, acceptance rate,
 * R-hat, evidence, ...) with warnings that name the fix.
 *
 * @param samples {@code n × d} equally weighted samples
 * @param weightedDraws the draws and their log weights behind {@code samples}, or {@code null} for a method that
 *                      does not weigh
 * @param statistics named statistics of the run, e.g. {@code effective-sample-size}
 * @param warnings plain-language warnings, empty when all is well
 */
@Experimental(eta = "2027-06-30")
public record SamplerResult(double[][] samples, WeightedDraws weightedDraws, Map<String, Double> statistics,
                            List<String> warnings) {

    /** Checks the arguments and copies the collections. */
    public SamplerResult {
        requireNonNull(samples, "samples is null");
        statistics = Map.copyOf(statistics);
        warnings = List.copyOf(warnings);
    }

    /**
     * Draws with importance log weights (unnormalised).
     *
     * @param theta {@code m × d} draws
     * @param logWeights {@code m} log weights
     */
    public record WeightedDraws(double[][] theta, double[] logWeights) {

        /** Checks the lengths agree. */
        public WeightedDraws {
            if (theta.length != logWeights.length) {
                throw new IllegalArgumentException(theta.length + " draws but " + logWeights.length + " weights");
            }
        }
    }
}
