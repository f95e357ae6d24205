package org.sbi4j.runtime.diagnostics;

import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;

/**
 * All sample-based distances between posterior samples and reference samples, with default settings:
 * <ul>
 *   <li>{@link Mmd} (Gaussian kernel, median-heuristic bandwidth, z-scored by the reference, ≤ 2,000 rows per
 *       set, no permutation test);</li>
 *   <li>{@link KlDivergence} KL(reference ‖ samples) from samples (k = 5 nearest neighbours, z-scored by the
 *       reference, ≤ 10,000 rows per set): the forward, mass-covering direction, large when the samples miss
 *       reference mass;</li>
 *   <li>{@link Wasserstein} W1 and W2 in data units (1-d exact, exact matching of 1,000 points in 2–3-d, sliced
 *       over 200 directions above).</li>
 * </ul>
 * Each part draws its random numbers from its own named streams of the one seed.
 */
public final class SampleDistances {
    private SampleDistances() {
    }

    /**
     * The distances.
     *
     * @param mmd the maximum mean discrepancy of the samples against the reference
     * @param kl KL(reference ‖ samples) by the k-nearest-neighbour estimator
     * @param wasserstein W1 and W2 between the samples and the reference
     */
    public record Result(Mmd.Result mmd, KlDivergence.SampleEstimate kl, Wasserstein.Result wasserstein) {
    }

    /**
     * Computes all distances with default settings, on one thread per available processor.
     *
     * @param samples the posterior samples under test, n×d, finite, n ≥ 6
     * @param reference the reference samples, m×d, finite, m ≥ 6
     * @param seed the seed of all subsampling and random directions
     * @return the distances
     * @throws org.sbi4j.api.SbiException a user error for empty, ragged, mismatched, too small or non-finite sets
     */
    public static Result compute(double[][] samples, double[][] reference, long seed) {
        return compute(samples, reference, seed, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Computes all distances with default settings.
     *
     * @param samples the posterior samples under test, n×d, finite, n ≥ 6
     * @param reference the reference samples, m×d, finite, m ≥ 6
     * @param seed the seed of all subsampling and random directions
     * @param threads the number of threads, ≥ 1 (does not change the result)
     * @return the distances
     * @throws org.sbi4j.api.SbiException a user error for empty, ragged, mismatched, too small or non-finite sets
     */
    public static Result compute(double[][] samples, double[][] reference, long seed, int threads) {
        return compute(samples, reference, seed, threads, LocalWorkerPool.shared());
    }

    /**
     * Computes all distances with default settings on a given worker pool.
     *
     * @param samples the posterior samples under test, n×d, finite, n ≥ 6
     * @param reference the reference samples, m×d, finite, m ≥ 6
     * @param seed the seed of all subsampling and random directions
     * @param threads the most tasks running at once, ≥ 1 (does not change the result)
     * @param pool where the work runs (does not change the result)
     * @return the distances
     * @throws org.sbi4j.api.SbiException a user error for empty, ragged, mismatched, too small or non-finite sets
     */
    public static Result compute(double[][] samples, double[][] reference, long seed, int threads,
                                 WorkerPool pool) {
        Mmd.Result mmd = Mmd.defaults().withThreads(threads).withPool(pool).evaluate(samples, reference, seed);
        KlDivergence.SampleEstimate kl = KlDivergence.defaults().withThreads(threads).withPool(pool)
                .estimate(reference, samples, seed);
        Wasserstein.Result w = Wasserstein.defaults().withThreads(threads).withPool(pool)
                .evaluate(samples, reference, seed);
        return new Result(mmd, kl, w);
    }
}
