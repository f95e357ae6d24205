package org.sbi4j.simulators.mixtures;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.TruncatedNormal;

/**
 * Exact rejection sampler of one {@link SquaredCoordinatePosterior}. It samples v = θ², whose density on
 * [0, B²] is proportional to t(v) = exp(−(v − x)²/(2σ²)) · v^{−1/2}, under a two-piece envelope split at w:
 * <ul>
 *   <li>on [0, w]: M · v^{−1/2}, with M the largest value of exp(−(v − x)²/(2σ²)) on [0, w] (drawn as
 *       θ = √w · U; accepted with probability exp(−(v − x)²/(2σ²)) / M);</li>
 *   <li>on [w, B²]: exp(−(v − x)²/(2σ²)) · w^{−1/2} (a truncated normal in v, drawn exactly by
 *       {@link TruncatedNormal}; accepted with probability √(w / v)).</li>
 * </ul>
 * Both pieces bound t from above, so accepted draws follow t exactly; the sign of θ is then a fair coin.
 * The split w minimises the envelope's mass over a fixed set of candidates; the acceptance rate is
 * reported by {@link #acceptanceRate()} (above 0.4 for every observation checked in the tests).
 */
final class SquaredCoordinateSampler {
    private final double observation;
    private final double sd;
    private final double bound;
    private final double split;
    private final double lowPieceProbability;
    private final double lowPieceArgMax;
    private final double standardLow;
    private final double standardHigh;
    private final double acceptanceRate;

    /**
     * @param posterior the coordinate's posterior
     */
    SquaredCoordinateSampler(SquaredCoordinatePosterior posterior) {
        this.observation = posterior.observation();
        this.sd = posterior.sd();
        this.bound = posterior.bound();
        double top = bound * bound;
        double best = Double.POSITIVE_INFINITY;
        double bestSplit = top;
        for (double w : candidateSplits(top)) {
            double mass = LogSum.of(logLowMass(posterior, w), logHighMass(posterior, w, top));
            if (mass < best) {
                best = mass;
                bestSplit = w;
            }
        }
        this.split = bestSplit;
        double low = logLowMass(posterior, split);
        this.lowPieceProbability = Math.exp(low - best);
        this.lowPieceArgMax = Math.max(0, Math.min(observation, split));
        this.standardLow = (split - observation) / sd;
        this.standardHigh = (top - observation) / sd;
        // target mass of v is 2 ∫₀ᴮ exp(relative exponent) dθ
        this.acceptanceRate = Math.exp(Math.log(2) + posterior.logHalfNormaliser() - best);
    }

    /** The expected share of accepted proposals: the target's mass over the envelope's. */
    double acceptanceRate() {
        return acceptanceRate;
    }

    /**
     * One exact draw of θ.
     *
     * @param rng the source of uniforms
     * @return the draw, in [−B, B]
     */
    double sample(UniformRandomProvider rng) {
        double variance2 = 2 * sd * sd;
        while (true) {
            double magnitude;
            if (rng.nextDouble() < lowPieceProbability) {
                magnitude = Math.sqrt(split) * rng.nextDouble();
                double v = magnitude * magnitude;
                double logAccept = -(v - lowPieceArgMax) * (v + lowPieceArgMax - 2 * observation) / variance2;
                if (!(rng.nextDouble() < Math.exp(logAccept))) {
                    continue;
                }
            } else {
                double v = observation + sd * TruncatedNormal.sample(0, 1, standardLow, standardHigh, rng);
                v = Math.max(split, Math.min(bound * bound, v));
                if (!(rng.nextDouble() < Math.sqrt(split / v))) {
                    continue;
                }
                magnitude = Math.sqrt(v);
            }
            magnitude = Math.min(magnitude, bound);
            return rng.nextBoolean() ? magnitude : -magnitude;
        }
    }

    /** log of the envelope's mass on [0, w], relative to the target's peak. */
    private double logLowMass(SquaredCoordinatePosterior posterior, double w) {
        if (!(w > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double argMax = Math.max(0, Math.min(observation, w));
        return posterior.relativeExponent(Math.sqrt(argMax)) + Math.log(2 * Math.sqrt(w));
    }

    /** log of the envelope's mass on [w, top], relative to the target's peak. */
    private double logHighMass(SquaredCoordinatePosterior posterior, double w, double top) {
        if (!(w < top) || !(w > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double a = (w - observation) / sd;
        double b = (top - observation) / sd;
        double peakValue = posterior.peak();
        double standardPeak = (peakValue * peakValue - observation) / sd;
        // log ∫ exp(−(v − x)²/(2σ²)) dv over [w, top], less the exponent at the peak
        double logGaussian = Math.log(sd) + Gaussian.LOG_SQRT_2PI + TruncatedNormal.logMass(0, 1, a, b)
                + 0.5 * standardPeak * standardPeak;
        return logGaussian - 0.5 * Math.log(w);
    }

    private double[] candidateSplits(double top) {
        double[] out = new double[121 + 60 + 25];
        int n = 0;
        for (int k = 0; k <= 120; k++) {
            out[n++] = top * Math.pow(2, -0.5 * k);
        }
        for (int k = 1; k <= 60; k++) {
            out[n++] = top * (1 - Math.pow(2, -0.5 * k));
        }
        for (int k = -4; k <= 20; k++) {
            double w = observation - 0.5 * k * sd;
            out[n++] = w > 0 && w < top ? w : top;
        }
        return out;
    }
}
