package org.sbi4j.api;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Experimental;

/**
 * A distribution a {@link Sampler} can draw from directly: the importance-sampling proposal, or where Markov
 * chains start. Usually a trained posterior at one observation ({@link #of(Posterior, double[])}) or the prior
 * ({@link #of(Prior)}).
 */
@Experimental(eta = "2027-06-30")
public interface Proposal {

    /**
     * Draws {@code n} independent samples.
     *
     * @param n number of draws
     * @param rng the only source of randomness
     * @return an {@code n × d} array
     */
    double[][] sample(int n, UniformRandomProvider rng);

    /** Whether {@link #logDensity} is available. */
    boolean hasLogDensity();

    /** Whether {@link #logDensity} is normalised (integrates to one), which an evidence estimate needs. */
    boolean isLogDensityNormalized();

    /**
     * Log densities of a batch.
     *
     * @param theta {@code n × d} parameters
     * @return {@code n} log densities
     * @throws UnsupportedOperationException when {@link #hasLogDensity()} is false
     */
    double[] logDensity(double[][] theta);

    /**
     * A posterior at one observation.
     *
     * @param posterior the posterior
     * @param observation x₀
     * @return the proposal q(θ | x₀)
     */
    static Proposal of(Posterior posterior, double[] observation) {
        return new Proposal() {
            @Override
            public double[][] sample(int n, UniformRandomProvider rng) {
                return posterior.sample(observation, n, rng);
            }

            @Override
            public boolean hasLogDensity() {
                return posterior.hasLogDensity();
            }

            @Override
            public boolean isLogDensityNormalized() {
                return posterior.isLogDensityNormalized();
            }

            @Override
            public double[] logDensity(double[][] theta) {
                return posterior.logDensity(theta, observation);
            }
        };
    }

    /**
     * A prior, whose stock implementations are normalised.
     *
     * @param prior the prior
     * @return the proposal p(θ)
     */
    static Proposal of(Prior prior) {
        return new Proposal() {
            @Override
            public double[][] sample(int n, UniformRandomProvider rng) {
                return prior.sample(n, rng);
            }

            @Override
            public boolean hasLogDensity() {
                return true;
            }

            @Override
            public boolean isLogDensityNormalized() {
                return true;
            }

            @Override
            public double[] logDensity(double[][] theta) {
                double[] out = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    out[i] = prior.logDensity(theta[i]);
                }
                return out;
            }
        };
    }
}
