package org.sbi4j.estimators.abc;

/**
 * Rule for the kernel covariance of the Gaussian KDE: the covariance of the kept parameters times the square
 * of a factor that depends on the number k of kept parameters and their dimension d.
 */
public enum KdeBandwidth {
    /** Scott's rule: factor k^(−1/(d+4)). */
    SCOTT,
    /** Silverman's rule: factor (k(d+2)/4)^(−1/(d+4)). */
    SILVERMAN;

    /**
     * The factor multiplying the sample standard deviations.
     *
     * @param count number of points k
     * @param dimension their dimension d
     * @return the bandwidth factor
     */
    double factor(int count, int dimension) {
        double exponent = -1.0 / (dimension + 4);
        return this == SCOTT ? Math.pow(count, exponent) : Math.pow(count * (dimension + 2) / 4.0, exponent);
    }
}
