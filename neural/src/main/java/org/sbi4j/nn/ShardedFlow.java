package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.ode.OdeReport;
import org.sbi4j.nn.ode.OdeSolver;

/**
 * Sampling and log densities of a {@link ConditionalVectorField} on several threads: the rows of one call are cut
 * into {@link RowPieces} fixed by the row count and {@code shards} (never by the threads), the starting noise is
 * drawn in row order before any solve, and every piece is integrated by its own solve on a borrowed copy of the
 * field with its own solver; the pieces are shared out over up to {@code threads} threads and their rows written in
 * place, so the result is the same for any thread count. With {@code shards = 1} the results equal
 * {@link ConditionalVectorField#sample} and {@link ConditionalVectorField#logDensity} on one thread.
 *
 * <p>Thread-safe (every call borrows its own copies).
 */
public final class ShardedFlow {
    /** Fewer rows than this are integrated on the calling thread (the pieces are the same). */
    static final int PARALLEL_ROWS = 512;

    private final CopyPool<ConditionalVectorField> pool;
    private final Supplier<OdeSolver> sampleSolvers;
    private final Supplier<OdeSolver> densitySolvers;
    private final int shards;
    private final int threads;
    private volatile OdeReport[] lastReports = new OdeReport[0];

    /**
     * @param pool copies of the field
     * @param sampleSolvers makes a fresh solver for sampling without densities (one per thread)
     * @param densitySolvers makes a fresh solver for the augmented ODE (log densities, draws with densities)
     * @param shards the shard count (≥ 1): the number of pieces is a multiple of it, which fixes the results
     * @param threads the most threads to use (≥ 1)
     */
    public ShardedFlow(CopyPool<ConditionalVectorField> pool, Supplier<OdeSolver> sampleSolvers,
                       Supplier<OdeSolver> densitySolvers, int shards, int threads) {
        this.pool = requireNonNull(pool, "pool is null");
        this.sampleSolvers = requireNonNull(sampleSolvers, "sampleSolvers is null");
        this.densitySolvers = requireNonNull(densitySolvers, "densitySolvers is null");
        if (shards < 1 || threads < 1) {
            throw new IllegalArgumentException("shards and threads must be at least 1, got " + shards + " and "
                    + threads);
        }
        this.shards = shards;
        this.threads = threads;
    }

    /**
     * Draws from q(θ | x₀), optionally with each draw's log density from the augmented ODE in the same pass.
     *
     * @param x0 the conditioning x
     * @param n number of draws
     * @param rng the noise (drawn in row order before any solve)
     * @param logDensity if not {@code null} (length ≥ n), receives log q of each draw in θ coordinates
     * @param divergence the divergence of the augmented ODE: {@code null} exact, else the source of each piece's
     *     Hutchinson probes
     * @param probes Hutchinson probes per evaluation
     * @return {@code n} rows of θ
     */
    public double[][] sample(double[] x0, int n, UniformRandomProvider rng, double[] logDensity,
                             UniformRandomProvider divergence, int probes) {
        return pool.prototype().sample(x0, n, shards, rng, logDensity, divergence, probes, null, this::run);
    }

    /**
     * log q(θ_r | x₀) per row by the augmented ODE from t = 1 back to t = 0; {@code −∞} outside the bijection's
     * support.
     *
     * @param theta θ rows
     * @param x0 the conditioning x
     * @param divergence {@code null} for the exact divergence, else the source of each piece's Hutchinson probes
     * @param probes Hutchinson probes per evaluation
     * @return log densities
     */
    public double[] logDensity(double[][] theta, double[] x0, UniformRandomProvider divergence, int probes) {
        return pool.prototype().logDensity(theta, x0, shards, divergence, probes, this::run);
    }

    /**
     * The most threads one call uses.
     *
     * @return the thread count given at construction
     */
    public int threads() {
        return threads;
    }

    /** What each piece's solve of the last call cost, in piece order (for measurements and tests). */
    public List<OdeReport> lastReports() {
        return List.of(lastReports);
    }

    /**
     * Integrates every piece on a borrowed copy with its thread's solver, on the calling thread and up to
     * {@code threads − 1} more; rethrows a failure.
     */
    private void run(RowPieces pieces, int rows, boolean withDensity, ConditionalVectorField.PieceWork work) {
        Supplier<OdeSolver> solvers = withDensity ? densitySolvers : sampleSolvers;
        OdeReport[] reports = new OdeReport[pieces.count()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            ConditionalVectorField field = pool.borrow();
            try {
                OdeSolver solver = solvers.get();
                for (int k = next.getAndIncrement(); k < reports.length && failure.get() == null;
                     k = next.getAndIncrement()) {
                    work.run(field, solver, k);
                    reports[k] = field.lastReport();
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                pool.release(field);
            }
        };
        int helpers = rows < PARALLEL_ROWS ? 0 : Math.min(threads, reports.length) - 1;
        List<Thread> started = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            Thread t = new Thread(worker, "sbi4j-flow-piece");
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        worker.run();
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        lastReports = reports;
    }
}
