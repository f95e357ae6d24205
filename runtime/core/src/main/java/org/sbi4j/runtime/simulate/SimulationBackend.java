package org.sbi4j.runtime.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.sbi4j.api.SimulationResult;

/**
 * Runs simulation batches. A batch is identified by its index: batch {@code b} of a {@link BatchPlan} takes its
 * parameters and noise only from the random stream {@code (plan.stream(), b)} of the plan's seed, so any backend
 * (the local thread pool, a cluster) returns the same numbers for the same plan. Backends are runtime services,
 * bound in Guice; {@link LocalSimulationBackend} is the embedded default, and a config picks another by name
 * ({@code simulation.backend.type}, see {@link SimulationBackendFactory}).
 */
public interface SimulationBackend extends AutoCloseable {

    /**
     * Runs some batches of a plan and hands each one to {@code sink} as it finishes, so that a caller that stores
     * them never holds them all. The sink may be called from several threads at once and in any order.
     *
     * @param plan what to simulate
     * @param batches the indices of the batches to run
     * @param sink receives every finished batch; an exception it throws ends the run
     * @param progress advanced by the number of simulations of each finished batch
     */
    void run(BatchPlan plan, int[] batches, Sink sink, Progress progress);

    /**
     * Runs every batch of a plan.
     *
     * @param plan what to simulate
     * @param progress advanced by the number of simulations of each finished batch
     * @return one result per batch, in batch order
     */
    default List<Batch> run(BatchPlan plan, Progress progress) {
        Batch[] results = new Batch[plan.batches()];
        run(plan, IntStream.range(0, results.length).toArray(), (b, batch) -> results[b] = batch, progress);
        return new ArrayList<>(Arrays.asList(results));
    }

    /** Frees what the backend holds (a cluster connection); the local backend holds nothing. */
    @Override
    default void close() {
    }

    /** Receives finished batches. */
    @FunctionalInterface
    interface Sink {
        /**
         * Takes one finished batch.
         *
         * @param index the batch index
         * @param batch its parameters and results
         */
        void accept(int index, Batch batch);
    }

    /**
     * One simulated batch.
     *
     * @param theta the parameters of the batch
     * @param result the simulator's output for them
     */
    record Batch(double[][] theta, SimulationResult result) {

        /**
         * A batch from flat row-major arrays (as stored or sent between JVMs).
         *
         * @param theta the parameters, rows × {@code theta.length / rows}
         * @param x the data, rows × {@code x.length / rows}
         * @param valid the validity mask, one entry per row
         * @return the batch
         */
        public static Batch of(double[] theta, double[] x, boolean[] valid) {
            int rows = valid.length;
            int d = rows == 0 ? 0 : theta.length / rows;
            int k = rows == 0 ? 0 : x.length / rows;
            double[][] thetaRows = new double[rows][];
            double[][] data = new double[rows][];
            for (int i = 0; i < rows; i++) {
                thetaRows[i] = Arrays.copyOfRange(theta, i * d, (i + 1) * d);
                data[i] = Arrays.copyOfRange(x, i * k, (i + 1) * k);
            }
            return new Batch(thetaRows, SimulationResult.of(data, valid));
        }

        /** The parameters, row-major. */
        public double[] thetaValues() {
            int d = theta.length == 0 ? 0 : theta[0].length;
            double[] out = new double[theta.length * d];
            for (int i = 0; i < theta.length; i++) {
                System.arraycopy(theta[i], 0, out, i * d, d);
            }
            return out;
        }

        /**
         * The data, row-major, with NaN in the rows of failed runs.
         *
         * @param k the data length
         * @return rows × k values
         */
        public double[] dataValues(int k) {
            double[] out = new double[theta.length * k];
            for (int i = 0; i < theta.length; i++) {
                if (result.isValid(i)) {
                    System.arraycopy(result.row(i), 0, out, i * k, k);
                } else {
                    Arrays.fill(out, i * k, (i + 1) * k, Double.NaN);
                }
            }
            return out;
        }

        /** The validity mask. */
        public boolean[] validity() {
            boolean[] out = new boolean[theta.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = result.isValid(i);
            }
            return out;
        }
    }
}
