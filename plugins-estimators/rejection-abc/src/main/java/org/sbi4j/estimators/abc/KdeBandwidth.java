package org.sbi4j.estimators.abc;

/**
 * Rule for the kernel of the Gaussian KDE. {@link #SCOTT} and {@link #SILVERMAN} scale the covariance of the kept
 * parameters by the square of a factor that depends on their number k and dimension d (as scipy's
 * {@code gaussian_kde}); {@link #CV} uses an isotropic kernel h²·I with h chosen by cross-validation (sbibm's
 * default for REJ-ABC).
 */
public enum KdeBandwidth {
    /** Scott's rule: sample covariance times factor² with factor k^(−1/(d+4)). */
    SCOTT,
    /** Silverman's rule: sample covariance times factor² with factor (k(d+2)/4)^(−1/(d+4)). */
    SILVERMAN,
    /**
     * Isotropic kernel h²·I in the raw parameter space, h maximising the leave-one-out log-likelihood of the
     * kept parameters (see {@link CrossValidatedBandwidth}).
     */
    CV;

    /**
     * The factor multiplying the sample standard deviations, for the covariance-scaling rules.
     *
     * @param count number of points k
     * @param dimension their dimension d
     * @return the bandwidth factor
     * @throws IllegalStateException for {@link #CV}, which has no such factor
     */
    double factor(int count, int dimension) {
        double exponent = -1.0 / (dimension + 4);
        return switch (this) {
            case SCOTT -> Math.pow(count, exponent);
            case SILVERMAN -> Math.pow(count * (dimension + 2) / 4.0, exponent);
            case CV -> throw new IllegalStateException("the cv bandwidth is selected from the data, not a factor");
        };
    }
}
