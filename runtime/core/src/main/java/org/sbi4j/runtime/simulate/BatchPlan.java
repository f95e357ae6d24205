package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;

/**
 * A simulation job cut into seeded batches: either {@code budget} draws from a prior, or given parameter rows.
 * Batch {@code b} uses only the stream {@code (stream, b)} of the seed: the prior draw and the simulator's noise.
 *
 * @param simulator the simulator
 * @param prior where parameters come from, or {@code null} when {@code theta} is given
 * @param theta the parameter rows to simulate, or {@code null} to draw {@code budget} rows from the prior
 * @param budget the number of simulations
 * @param batchSize simulations per batch (part of the reproducibility contract)
 * @param threads the most batches running at once
 * @param seed the master seed
 * @param stream the name of the random stream
 * @param recipe how another JVM builds the same simulator and prior, or {@code null} when the plan runs here only
 */
public record BatchPlan(Simulator simulator, Prior prior, double[][] theta, int budget, int batchSize, int threads,
                        long seed, String stream, SimulationRecipe recipe) {

    /** Checks the arguments. */
    public BatchPlan {
        requireNonNull(simulator, "simulator is null");
        requireNonNull(stream, "stream is null");
        if ((prior == null) == (theta == null)) {
            throw new IllegalArgumentException("give either a prior or parameter rows");
        }
        if (batchSize < 1 || threads < 1 || budget < 0) {
            throw new IllegalArgumentException("batch size and threads must be positive and the budget not negative");
        }
    }

    /**
     * A plan that runs in this JVM only.
     *
     * @param simulator the simulator
     * @param prior where parameters come from, or {@code null} when {@code theta} is given
     * @param theta the parameter rows to simulate, or {@code null} to draw {@code budget} rows from the prior
     * @param budget the number of simulations
     * @param batchSize simulations per batch
     * @param threads the most batches running at once
     * @param seed the master seed
     * @param stream the name of the random stream
     */
    public BatchPlan(Simulator simulator, Prior prior, double[][] theta, int budget, int batchSize, int threads,
                     long seed, String stream) {
        this(simulator, prior, theta, budget, batchSize, threads, seed, stream, null);
    }

    /** The number of batches. */
    public int batches() {
        return (budget + batchSize - 1) / batchSize;
    }

    /**
     * Simulates batch {@code b}: draws or slices its parameters, runs the simulator with the batch's stream and
     * checks the shape of the result. A simulator that throws is a bug in its plugin, reported as such.
     *
     * @param b the batch index
     * @return the batch
     */
    public SimulationBackend.Batch simulate(int b) {
        int from = b * batchSize;
        int n = Math.min(batchSize, budget - from);
        UniformRandomProvider rng = Seeds.random(seed, stream, b);
        double[][] rows = theta != null ? Arrays.copyOfRange(theta, from, from + n) : prior.sample(n, rng);
        SimulationResult result;
        try {
            result = simulator.simulate(rows, rng);
        } catch (SbiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "simulator " + simulator.getClass().getName()
                    + " threw " + e + " instead of marking the run invalid; this is a bug in the simulator plugin", e);
        }
        check(result, n);
        return new SimulationBackend.Batch(rows, result);
    }

    private void check(SimulationResult result, int n) {
        int dataLength = simulator.dataNames().size();
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
}
