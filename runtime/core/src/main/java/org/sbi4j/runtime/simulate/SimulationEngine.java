package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;

/**
 * Runs simulations from the prior in parallel batches. Batch {@code b} draws its parameters and its noise
 * from the stream {@code ("simulation", b)} of the master seed, so the result is identical for any number of
 * threads; failed runs (marked invalid or with NaN/∞) are counted and handled by an {@link InvalidPolicy}.
 */
public final class SimulationEngine {
    private final ProgressReporter progress;

    /**
     * @param progress where progress is shown
     */
    public SimulationEngine(ProgressReporter progress) {
        this.progress = requireNonNull(progress, "progress is null");
    }

    /**
     * What to simulate.
     *
     * @param prior where parameters come from
     * @param simulator the simulator
     * @param budget number of simulations
     * @param batchSize simulations per batch (part of the reproducibility contract: changing it changes the draws)
     * @param threads worker threads; 0 means all cores
     * @param seed the master seed
     * @param policy what to do with failed runs
     */
    public record Request(Prior prior, Simulator simulator, int budget, int batchSize, int threads, long seed,
                          InvalidPolicy policy) {
    }

    /**
     * Runs the simulations.
     *
     * @param request what to simulate
     * @return the valid pairs in batch order and the number dropped
     */
    public Simulations run(Request request) {
        int batches = (request.budget() + request.batchSize() - 1) / request.batchSize();
        int threads = request.threads() == 0 ? Runtime.getRuntime().availableProcessors() : request.threads();
        threads = Math.max(1, Math.min(threads, batches));
        int dataLength = request.simulator().dataNames().size();
        double[][][] thetaBlocks = new double[batches][][];
        SimulationResult[] results = new SimulationResult[batches];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sbi4j-simulate");
            t.setDaemon(true);
            return t;
        });
        try (Progress bar = progress.start("Simulating", request.budget(), "sims")) {
            List<Future<?>> futures = new ArrayList<>(batches);
            for (int b = 0; b < batches; b++) {
                int batch = b;
                futures.add(pool.submit(() -> {
                    int n = Math.min(request.batchSize(), request.budget() - batch * request.batchSize());
                    UniformRandomProvider rng = Seeds.random(request.seed(), "simulation", batch);
                    double[][] theta = request.prior().sample(n, rng);
                    SimulationResult result = request.simulator().simulate(theta, rng);
                    check(result, n, dataLength, request.simulator());
                    thetaBlocks[batch] = theta;
                    results[batch] = result;
                    bar.advance(n);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f, request.simulator());
            }
        } finally {
            pool.shutdownNow();
        }
        return collect(thetaBlocks, results, request);
    }

    /**
     * Simulates at given parameters in parallel batches; batch {@code b} takes its noise from the stream
     * {@code (stream, b)} of the seed, so the result is identical for any number of threads. Failed runs are
     * marked invalid in the result, never thrown.
     *
     * @param simulator the simulator
     * @param theta the parameters, one row per simulation
     * @param batchSize rows per batch
     * @param threads worker threads (at least 1)
     * @param seed the master seed
     * @param stream the name of the random stream
     * @return one data row per parameter row, with its validity
     */
    public static SimulationResult simulateAt(Simulator simulator, double[][] theta, int batchSize, int threads,
                                              long seed, String stream) {
        int n = theta.length;
        int batches = (n + batchSize - 1) / batchSize;
        int dataLength = simulator.dataNames().size();
        double[][] data = new double[n][];
        boolean[] valid = new boolean[n];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, batches)), r -> {
            Thread t = new Thread(r, "sbi4j-simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(batches);
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                UniformRandomProvider rng = Seeds.random(seed, stream, b);
                futures.add(pool.submit(() -> {
                    double[][] block = java.util.Arrays.copyOfRange(theta, from, to);
                    SimulationResult result = simulator.simulate(block, rng);
                    check(result, to - from, dataLength, simulator);
                    for (int i = from; i < to; i++) {
                        valid[i] = result.isValid(i - from);
                        data[i] = valid[i] ? result.row(i - from) : new double[dataLength];
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f, simulator);
            }
        } finally {
            pool.shutdownNow();
        }
        return SimulationResult.of(data, valid);
    }

    private static Simulations collect(double[][][] thetaBlocks, SimulationResult[] results, Request request) {
        int valid = 0;
        for (SimulationResult r : results) {
            valid += r.size() - r.invalidCount();
        }
        int invalid = request.budget() - valid;
        if (invalid > 0 && request.policy() == InvalidPolicy.FAIL) {
            throw new SbiException(ErrorType.USER_ERROR, invalid + " of " + request.budget()
                    + " simulations failed or returned NaN/∞ and simulation.invalid is 'fail'; set it to 'drop' "
                    + "to leave them out, or check the simulator and the prior");
        }
        if (valid == 0) {
            throw new SbiException(ErrorType.USER_ERROR, "all " + request.budget() + " simulations failed or "
                    + "returned NaN/∞; check the simulator and whether the prior covers parameters it can simulate");
        }
        double[][] theta = new double[valid][];
        double[][] data = new double[valid][];
        int k = 0;
        for (int b = 0; b < results.length; b++) {
            for (int i = 0; i < results[b].size(); i++) {
                if (results[b].isValid(i)) {
                    theta[k] = thetaBlocks[b][i];
                    data[k] = results[b].row(i);
                    k++;
                }
            }
        }
        return new Simulations(theta, data, invalid);
    }

    private static void check(SimulationResult result, int n, int dataLength, Simulator simulator) {
        if (result == null || result.size() != n) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "simulator " + simulator.getClass().getName()
                    + " returned " + (result == null ? "null" : result.size() + " rows") + " for a batch of " + n
                    + " parameter rows; a simulator must return one row per parameter row");
        }
        for (int i = 0; i < n; i++) {
            if (result.isValid(i) && result.row(i).length != dataLength) {
                throw new SbiException(ErrorType.INTERNAL_ERROR, "simulator " + simulator.getClass().getName()
                        + " returned a data row of length " + result.row(i).length + " but declares "
                        + dataLength + " data names");
            }
        }
    }

    private static void await(Future<?> future, Simulator simulator) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SbiException(ErrorType.INTERNAL_ERROR, "simulation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SbiException s) {
                throw s;
            }
            throw new SbiException(ErrorType.INTERNAL_ERROR, "simulator " + simulator.getClass().getName()
                    + " threw " + cause + " instead of marking the run invalid; this is a bug in the simulator plugin",
                    cause);
        }
    }
}
