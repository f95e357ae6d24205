package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * Draws a {@link CalibrationSample}: N true parameters θ*ᵢ from the prior, one simulation xᵢ per θ*ᵢ, and L
 * posterior draws (with their log densities, when the posterior has a density) from q(θ | xᵢ).
 *
 * <p>Simulations run in batches of {@value #SIMULATION_BATCH}; batch b draws its θ* from stream
 * {@code ("calibration-prior", b)} and simulates with {@code ("calibration-simulation", b)}. Invalid simulations
 * (non-finite output or masked invalid) are counted and their θ* dropped; fresh batches replace them, so the
 * θ* are drawn from the prior restricted to parameters that simulate successfully, the same distribution the
 * posterior was trained on. The observations are cut into chunks of {@value #POSTERIOR_CHUNK}; chunk c draws the
 * posterior samples of all its observations in one {@link Posterior#sample(double[][], int,
 * UniformRandomProvider) batch call} from stream {@code ("calibration-posterior", c)}, so that a posterior can
 * batch the work (a network embeds all observations at once). Batches and chunks run in parallel on a
 * {@link WorkerPool}; every unit of work has its own stream and a size that does not depend on the thread count,
 * so the sample is identical for any thread count.
 */
public final class CalibrationSampler {
    /** Rows per simulation batch. */
    public static final int SIMULATION_BATCH = 256;
    /** Stream of the true parameters. */
    public static final String PRIOR_STREAM = "calibration-prior";
    /** Stream of the simulations. */
    public static final String SIMULATION_STREAM = "calibration-simulation";
    /** Stream of the posterior draws, indexed by chunk of observations. */
    public static final String POSTERIOR_STREAM = "calibration-posterior";
    /** Observations per batch call of {@link Posterior#sample(double[][], int, UniformRandomProvider)}. */
    public static final int POSTERIOR_CHUNK = 32;
    private static final int MAX_ROUNDS = 64;

    private CalibrationSampler() {
    }

    /**
     * Draws a calibration sample on the process-wide {@link LocalWorkerPool#shared() worker pool}.
     *
     * @param prior the prior the posterior was trained with
     * @param simulator the simulator the posterior was trained with
     * @param posterior the posterior under test
     * @param n N, the number of (θ*, x) pairs, ≥ 2 (a few hundred to a thousand are typical)
     * @param draws L, the number of posterior draws per observation, ≥ 1 (100–1000 are typical)
     * @param seed the master seed
     * @param threads the most tasks running at once, ≥ 1 (does not change the result)
     * @return the sample
     * @throws SbiException a user error for bad arguments, or when more than half of the simulations are invalid
     */
    public static CalibrationSample draw(Prior prior, Simulator simulator, Posterior posterior, int n, int draws,
                                         long seed, int threads) {
        return draw(prior, simulator, posterior, n, draws, seed, threads, LocalWorkerPool.shared());
    }

    /**
     * Draws a calibration sample.
     *
     * @param prior the prior the posterior was trained with
     * @param simulator the simulator the posterior was trained with
     * @param posterior the posterior under test
     * @param n N, the number of (θ*, x) pairs, ≥ 2 (a few hundred to a thousand are typical)
     * @param draws L, the number of posterior draws per observation, ≥ 1 (100–1000 are typical)
     * @param seed the master seed
     * @param threads the most tasks running at once, ≥ 1 (does not change the result)
     * @param pool where the simulations and posterior draws run (does not change the result)
     * @return the sample
     * @throws SbiException a user error for bad arguments, or when more than half of the simulations are invalid
     */
    public static CalibrationSample draw(Prior prior, Simulator simulator, Posterior posterior, int n, int draws,
                                         long seed, int threads, WorkerPool pool) {
        checkArguments(prior, simulator, posterior, n, draws, threads);
        Workers workers = new Workers(requireNonNull(pool, "pool is null"), threads);
        int d = prior.dimension();
        int dataLength = simulator.dataNames().size();
        Simulated simulated = simulate(prior, simulator, n, d, dataLength, seed, workers);
        double[][][] samples = new double[n][][];
        boolean density = posterior.hasLogDensity();
        double[] logTrue = density ? new double[n] : null;
        double[][] logSamples = density ? new double[n][] : null;
        workers.forEach((n + POSTERIOR_CHUNK - 1) / POSTERIOR_CHUNK, c -> {
            int from = c * POSTERIOR_CHUNK;
            int to = Math.min(n, from + POSTERIOR_CHUNK);
            double[][][] chunk = posterior.sample(Arrays.copyOfRange(simulated.x, from, to), draws,
                    Seeds.random(seed, POSTERIOR_STREAM, c));
            if (chunk == null || chunk.length != to - from) {
                throw new SbiException(ErrorType.INTERNAL_ERROR, "the posterior returned "
                        + (chunk == null ? "no" : chunk.length) + " sample sets for observations " + from + " to "
                        + (to - 1) + " where " + (to - from) + " were asked for");
            }
            for (int i = from; i < to; i++) {
                double[][] s = chunk[i - from];
                checkDraws(s, draws, d, i);
                samples[i] = s;
                if (density) {
                    double[][] points = Arrays.copyOf(s, draws + 1);
                    points[draws] = simulated.theta[i];
                    double[] ld = posterior.logDensity(points, simulated.x[i]);
                    if (ld == null || ld.length != draws + 1) {
                        throw new SbiException(ErrorType.INTERNAL_ERROR, "the posterior returned "
                                + (ld == null ? "no" : ld.length) + " log densities for " + (draws + 1)
                                + " points of observation " + i);
                    }
                    logTrue[i] = ld[draws];
                    logSamples[i] = Arrays.copyOf(ld, draws);
                }
            }
        });
        return new CalibrationSample(prior.parameterNames(), simulated.theta, simulated.x, samples, logTrue,
                logSamples, simulated.invalid);
    }

    private record Batch(double[][] theta, SimulationResult result) {
    }

    private record Simulated(double[][] theta, double[][] x, int invalid) {
    }

    private static Simulated simulate(Prior prior, Simulator simulator, int n, int d, int dataLength, long seed,
                                      Workers workers) {
        double[][] theta = new double[n][];
        double[][] x = new double[n][];
        int filled = 0;
        long attempted = 0;
        long invalid = 0;
        int nextBatch = 0;
        for (int round = 0; filled < n; round++) {
            if (round == MAX_ROUNDS) {
                throw SbiException.userError(String.format(Locale.ROOT, "only %d of %d valid simulations after %d "
                        + "attempts (%d invalid); check the simulator and the prior's support", filled, n, attempted,
                        invalid));
            }
            int need = n - filled;
            int batches = (need + SIMULATION_BATCH - 1) / SIMULATION_BATCH;
            int first = nextBatch;
            nextBatch += batches;
            List<Batch> results = workers.map(batches, b -> {
                int size = Math.min(SIMULATION_BATCH, need - b * SIMULATION_BATCH);
                double[][] th = prior.sample(size, Seeds.random(seed, PRIOR_STREAM, first + b));
                SimulationResult result = simulator.simulate(th, Seeds.random(seed, SIMULATION_STREAM, first + b));
                if (result.size() != size) {
                    throw new SbiException(ErrorType.INTERNAL_ERROR, "the simulator returned " + result.size()
                            + " rows for a batch of " + size + " parameters");
                }
                return new Batch(th, result);
            });
            for (Batch batch : results) {
                for (int r = 0; r < batch.theta.length; r++) {
                    attempted++;
                    double[] row = batch.result.row(r);
                    if (batch.result.isValid(r) && row.length == dataLength && batch.theta[r].length == d) {
                        theta[filled] = batch.theta[r];
                        x[filled] = row;
                        filled++;
                    } else {
                        invalid++;
                    }
                }
            }
            if (2 * invalid > attempted) {
                throw SbiException.userError(String.format(Locale.ROOT, "%d of %d simulations (%.1f%%) were invalid "
                        + "(non-finite or masked), more than half; calibration needs a simulator that mostly "
                        + "succeeds on prior draws. Check the simulator's settings and the prior's range",
                        invalid, attempted, 100.0 * invalid / attempted));
            }
        }
        return new Simulated(theta, x, Math.toIntExact(invalid));
    }

    private static void checkDraws(double[][] s, int draws, int d, int i) {
        if (s == null || s.length != draws) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "the posterior returned " + (s == null ? "no" : s.length)
                    + " samples for observation " + i + " where " + draws + " were asked for");
        }
        for (double[] row : s) {
            if (row == null || row.length != d) {
                throw new SbiException(ErrorType.INTERNAL_ERROR, "the posterior returned a sample of length "
                        + (row == null ? 0 : row.length) + " for observation " + i + "; the prior has " + d
                        + " parameters");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new SbiException(ErrorType.INTERNAL_ERROR, "the posterior returned a non-finite sample ("
                            + v + ") for observation " + i + "; calibration cannot rank non-finite values");
                }
            }
        }
    }

    private static void checkArguments(Prior prior, Simulator simulator, Posterior posterior, int n, int draws,
                                       int threads) {
        requireNonNull(prior, "prior is null");
        requireNonNull(simulator, "simulator is null");
        requireNonNull(posterior, "posterior is null");
        if (n < 2) {
            throw SbiException.userError("calibration needs n >= 2 simulations (a few hundred are typical), got n = "
                    + n);
        }
        if (draws < 1) {
            throw SbiException.userError("calibration needs draws >= 1 posterior samples per simulation "
                    + "(100 to 1000 are typical), got draws = " + draws);
        }
        if (threads < 1) {
            throw SbiException.userError("threads = " + threads + " is invalid; use at least 1 thread");
        }
        int d = prior.dimension();
        if (posterior.parameterNames().size() != d || simulator.parameterNames().size() != d) {
            throw SbiException.userError("the prior has " + d + " parameters " + prior.parameterNames()
                    + " but the simulator has " + simulator.parameterNames().size() + " and the posterior "
                    + posterior.parameterNames().size() + "; calibrate a posterior with the prior and simulator it "
                    + "was trained on");
        }
    }
}
