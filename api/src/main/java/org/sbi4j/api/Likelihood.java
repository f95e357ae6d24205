package org.sbi4j.api;

/**
 * Optional capability of a {@link Simulator}: a tractable likelihood p(x | θ).
 *
 * <p>Needed by estimators that weight or refine with the likelihood (likelihood-weighted flows,
 * importance-sampling refinement) and by accuracy checks. Implementations are thread-safe.
 */
public interface Likelihood {

    /**
     * Log likelihood log p(x | θ); {@code Double.NEGATIVE_INFINITY} where x is impossible under θ.
     *
     * @param theta parameters
     * @param x one data row
     * @return log p(x | θ)
     */
    double logLikelihood(double[] theta, double[] x);

    /**
     * Log likelihoods of many parameter rows for one data row. Override to batch the work.
     *
     * @param theta an {@code n × d} batch of parameters
     * @param x one data row
     * @return {@code n} log likelihoods
     */
    default double[] logLikelihoods(double[][] theta, double[] x) {
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            out[i] = logLikelihood(theta[i], x);
        }
        return out;
    }

    /** Whether {@link #logLikelihoodGradient} is implemented. */
    default boolean hasGradient() {
        return false;
    }

    /**
     * Gradient of log p(x | θ) in θ, written into {@code gradient}.
     *
     * @param theta parameters
     * @param x one data row
     * @param gradient output, length of θ
     * @return log p(x | θ)
     * @throws UnsupportedOperationException when {@link #hasGradient()} is false
     */
    default double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        throw new UnsupportedOperationException(getClass().getName() + " has no likelihood gradient");
    }
}
