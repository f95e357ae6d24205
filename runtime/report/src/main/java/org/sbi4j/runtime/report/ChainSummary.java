package org.sbi4j.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sbi4j.api.SamplerResult;

/**
 * What the Markov chains behind one observation's samples reported: per parameter the rank-normalised split R-hat
 * and the bulk effective sample size, the acceptance rate, divergences (HMC, NUTS) and the sampler's warnings.
 *
 * @param sampler the sampler's name
 * @param chains the number of chains
 * @param drawsPerChain kept draws per chain
 * @param parameters the parameter names
 * @param rHat R-hat per parameter (NaN when not reported)
 * @param effectiveSampleSize effective sample size per parameter (NaN when not reported)
 * @param acceptanceRate the mean acceptance rate, or {@code null} when not reported
 * @param divergences divergent transitions after warm-up, or {@code null} for a sampler without them
 * @param warnings the sampler's warnings, each naming its fix
 */
public record ChainSummary(String sampler, int chains, int drawsPerChain, List<String> parameters, double[] rHat,
                           double[] effectiveSampleSize, Double acceptanceRate, Double divergences,
                           List<String> warnings) {

    /** Copies the lists. */
    public ChainSummary {
        parameters = List.copyOf(parameters);
        warnings = List.copyOf(warnings);
    }

    /**
     * The summary of a sampler's result, when it ran chains (its statistics name {@code chains} and
     * {@code draws-per-chain}).
     *
     * @param sampler the sampler's name
     * @param result what it reported, or {@code null}
     * @param names the parameter names
     * @return the summary, or {@code null} when the draws did not come from chains
     */
    static ChainSummary of(String sampler, SamplerResult result, List<String> names) {
        if (result == null) {
            return null;
        }
        Map<String, Double> s = result.statistics();
        Double chains = s.get("chains");
        Double kept = s.get("draws-per-chain");
        if (chains == null || kept == null) {
            return null;
        }
        double[] rHat = new double[names.size()];
        double[] ess = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            rHat[j] = s.getOrDefault("r-hat:" + names.get(j), Double.NaN);
            ess[j] = s.getOrDefault("effective-sample-size:" + names.get(j), Double.NaN);
        }
        return new ChainSummary(sampler, chains.intValue(), kept.intValue(), names, rHat, ess,
                s.get("acceptance-rate"), s.get("divergences"), new ArrayList<>(result.warnings()));
    }

    /**
     * The kept draws of each chain, from samples in the chain samplers' iteration-major order (sample i is draw
     * ⌊j / chains⌋ of chain j mod chains, j = ⌊i · chains · kept / n⌋); draws not among the samples are NaN.
     *
     * @param samples the n samples
     * @return {@code chains × drawsPerChain × d}
     */
    double[][][] traces(double[][] samples) {
        int d = parameters.size();
        double[][][] out = new double[chains][drawsPerChain][];
        double[] missing = new double[d];
        java.util.Arrays.fill(missing, Double.NaN);
        for (double[][] chain : out) {
            java.util.Arrays.fill(chain, missing);
        }
        long total = (long) chains * drawsPerChain;
        int n = samples.length;
        for (int i = 0; i < n; i++) {
            long j = i * total / n;
            out[(int) (j % chains)][(int) (j / chains)] = samples[i];
        }
        return out;
    }

    /** The largest R-hat over parameters (NaN when none is reported). */
    double maxRHat() {
        double max = Double.NaN;
        for (double r : rHat) {
            if (!Double.isNaN(r) && !(r <= max)) {
                max = r;
            }
        }
        return max;
    }

    /** The smallest effective sample size over parameters (NaN when none is reported). */
    double minEffectiveSampleSize() {
        double min = Double.NaN;
        for (double e : effectiveSampleSize) {
            if (!Double.isNaN(e) && !(e >= min)) {
                min = e;
            }
        }
        return min;
    }
}
