package org.sbi4j.simulators.mixtures;

/** Numerically stable log Σ exp. */
final class LogSum {
    private LogSum() {
    }

    /**
     * log Σᵢ exp(valuesᵢ), without overflow or underflow.
     *
     * @param values the log terms
     * @return the log of the sum ({@code -∞} when every term is {@code -∞})
     */
    static double of(double... values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
