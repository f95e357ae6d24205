package org.sbi4j.runtime.sample;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.LogDensity;
import org.sbi4j.api.Prior;
import org.sbi4j.runtime.parallel.WorkerPool;

/**
 * The unnormalised exact posterior log π(θ) + log p(x₀ | θ) of one observation, evaluated in parallel chunks of
 * rows (the likelihood only inside the prior's support). Its gradient exists when both the prior and the
 * likelihood have one.
 */
public final class PriorTimesLikelihood implements LogDensity {
    private static final int CHUNK = 256;

    private final Prior prior;
    private final Likelihood likelihood;
    private final double[] observation;
    private final WorkerPool pool;
    private final int threads;

    /**
     * @param prior the prior
     * @param likelihood the simulator's likelihood
     * @param observation x₀
     * @param pool where chunks are evaluated
     * @param threads the most chunks at once
     */
    public PriorTimesLikelihood(Prior prior, Likelihood likelihood, double[] observation, WorkerPool pool,
                                int threads) {
        this.prior = requireNonNull(prior, "prior is null");
        this.likelihood = requireNonNull(likelihood, "likelihood is null");
        this.observation = observation.clone();
        this.pool = requireNonNull(pool, "pool is null");
        this.threads = Math.max(1, threads);
    }

    @Override
    public int dimension() {
        return prior.dimension();
    }

    @Override
    public double[] logDensity(double[][] theta) {
        int n = theta.length;
        double[] out = new double[n];
        pool.forEach((n + CHUNK - 1) / CHUNK, threads, c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            List<double[]> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                out[i] = prior.logDensity(theta[i]);
                if (out[i] != Double.NEGATIVE_INFINITY) {
                    rows.add(theta[i]);
                }
            }
            double[] lik = rows.isEmpty() ? new double[0]
                    : likelihood.logLikelihoods(rows.toArray(double[][]::new), observation);
            int k = 0;
            for (int i = from; i < to; i++) {
                if (out[i] != Double.NEGATIVE_INFINITY) {
                    out[i] = out[i] + lik[k++];
                }
            }
        });
        return out;
    }

    @Override
    public boolean hasGradient() {
        return prior.hasGradient() && likelihood.hasGradient();
    }

    @Override
    public double[] logDensityGradient(double[][] theta, double[][] gradient) {
        if (!hasGradient()) {
            throw new UnsupportedOperationException("the prior or the likelihood has no gradient");
        }
        int n = theta.length;
        double[] out = new double[n];
        pool.forEach(n, threads, i -> {
            double[] g = new double[dimension()];
            double logPrior = prior.logDensityGradient(theta[i], gradient[i]);
            if (logPrior == Double.NEGATIVE_INFINITY) {
                out[i] = logPrior;
                java.util.Arrays.fill(gradient[i], 0);
                return;
            }
            out[i] = logPrior + likelihood.logLikelihoodGradient(theta[i], observation, g);
            for (int j = 0; j < g.length; j++) {
                gradient[i][j] += g[j];
            }
        });
        return out;
    }
}
