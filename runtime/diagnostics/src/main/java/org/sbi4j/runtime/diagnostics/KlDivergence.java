package org.sbi4j.runtime.diagnostics;

import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * Kullback–Leibler divergence KL(P‖Q) = E_P[log p − log q], in nats, estimated two ways.
 *
 * <p>{@link #fromDensities}: the Monte Carlo mean of log p − log q over draws from P, when both log densities
 * can be evaluated at those draws; its standard error is the sample standard deviation over √n.
 *
 * <p>{@link #estimate} (and {@link #fromSamples}): from samples only, with the k-nearest-neighbour estimator of
 * Wang, Kulkarni and Verdú (2009, eq. 5, fixed k = l):
 * KL ≈ (d/n) Σ_i log(ν_k(i)/ρ_k(i)) + log(m/(n−1)), where ρ_k(i) is the distance from x_i to its k-th nearest
 * neighbour among the other n−1 draws from P and ν_k(i) that to its k-th nearest among the m draws from Q. It is
 * consistent but, for finite n, biased by an amount that grows with d (the fixed-k form, not the adaptive
 * bias-corrected variant of the same paper). The steps:
 * <ol>
 *   <li>each set is subsampled without replacement to at most {@code maxPoints} rows (default 10,000; seeded);</li>
 *   <li>if z-scoring is on (default), both sets are standardised by the column means and standard deviations of
 *       the whole P set, so that every column weighs the same in the neighbour distances (the estimator itself is
 *       invariant only to translations, rotations and one common scale);</li>
 *   <li>neighbours are found exactly with a k-d tree ({@link NearestNeighbours}), in parallel over the draws of P;
 *       10,000 × 10,000 points take about 0.05 s in 2-d and 2 s in 10-d on one core;</li>
 *   <li>draws x_i with ρ_k(i) = 0 or ν_k(i) = 0 (exact duplicates: k more copies of x_i within P, or k copies
 *       in Q) would contribute ±∞; they are skipped and counted in {@link SampleEstimate#skipped()}, and the average
 *       is over the remaining draws (n in the log(m/(n−1)) term stays the subsample size). If every draw is
 *       skipped, the estimate is NaN.</li>
 * </ol>
 * The result is identical for any thread count. Instances are immutable and thread-safe.
 */
public final class KlDivergence {
    /** Default neighbour rank k. */
    public static final int DEFAULT_K = 5;
    /** Default maximum number of rows used from each set. */
    public static final int DEFAULT_MAX_POINTS = 10_000;

    private final int k;
    private final int maxPoints;
    private final boolean zScore;
    private final Workers workers;

    private KlDivergence(int k, int maxPoints, boolean zScore, Workers workers) {
        this.k = k;
        this.maxPoints = maxPoints;
        this.zScore = zScore;
        this.workers = workers;
    }

    /**
     * Default settings of the sample-based estimator: k = 5, 10,000 rows per set, z-scoring by P, one thread per
     * available processor.
     *
     * @return the estimator
     */
    public static KlDivergence defaults() {
        return new KlDivergence(DEFAULT_K, DEFAULT_MAX_POINTS, true, Workers.defaults());
    }

    /**
     * @param rank the neighbour rank k, ≥ 1
     * @return a copy with that rank
     */
    public KlDivergence withK(int rank) {
        return new KlDivergence(DistanceInputs.positive(rank, "k"), maxPoints, zScore, workers);
    }

    /**
     * @param count the maximum number of rows used from each set, ≥ 2
     * @return a copy with that limit
     */
    public KlDivergence withMaxPoints(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("maxPoints = " + count + " is invalid; it must be >= 2");
        }
        return new KlDivergence(k, count, zScore, workers);
    }

    /**
     * @param enabled whether to standardise both sets by P's column means and standard deviations
     * @return a copy with that choice
     */
    public KlDivergence withZScore(boolean enabled) {
        return new KlDivergence(k, maxPoints, enabled, workers);
    }

    /**
     * @param count the number of threads, ≥ 1 (does not change the result)
     * @return a copy using that many threads
     */
    public KlDivergence withThreads(int count) {
        return new KlDivergence(k, maxPoints, zScore, workers.withThreads(count));
    }

    /**
     * @param pool where the parallel work runs (default: the process-wide {@link LocalWorkerPool#shared()})
     * @return a copy running on that pool
     */
    public KlDivergence withPool(WorkerPool pool) {
        return new KlDivergence(k, maxPoints, zScore, workers.withPool(pool));
    }

    /**
     * A Monte Carlo estimate from log densities.
     *
     * @param nats the estimate of KL(P‖Q), +∞ if some log q is −∞
     * @param standardError its Monte Carlo standard error (NaN if the estimate is infinite)
     * @param draws the number of draws from P averaged
     */
    public record DensityEstimate(double nats, double standardError, int draws) {
    }

    /**
     * A k-nearest-neighbour estimate from samples.
     *
     * @param nats the estimate of KL(P‖Q); NaN if every draw was skipped
     * @param k the neighbour rank
     * @param pUsed the number of draws from P used (after subsampling)
     * @param qUsed the number of draws from Q used (after subsampling)
     * @param skipped draws of P left out of the average because a neighbour distance was 0 (exact duplicates)
     * @param dimension the dimension d
     * @param zScored whether both sets were standardised by P
     */
    public record SampleEstimate(double nats, int k, int pUsed, int qUsed, int skipped, int dimension,
                                 boolean zScored) {
    }

    /**
     * KL(P‖Q) as the mean of log p − log q over draws from P.
     *
     * @param logP log p at n ≥ 2 draws from P, finite
     * @param logQ log q at the same draws, not NaN or +∞ (−∞ makes the divergence infinite)
     * @return the estimate with its standard error
     * @throws SbiException a user error for null, empty or unequal arrays, or invalid values
     */
    public static DensityEstimate fromDensities(double[] logP, double[] logQ) {
        if (logP == null || logQ == null || logP.length < 2 || logP.length != logQ.length) {
            throw SbiException.userError("KL from densities needs log p and log q at the same n >= 2 draws from P, got "
                    + (logP == null ? "null" : logP.length + " values of log p") + " and "
                    + (logQ == null ? "null" : logQ.length + " values of log q"));
        }
        int n = logP.length;
        boolean infinite = false;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(logP[i])) {
                throw SbiException.userError("KL from densities: log p of draw " + i + " is " + logP[i]
                        + "; draws from P must have finite log density");
            }
            if (Double.isNaN(logQ[i]) || logQ[i] == Double.POSITIVE_INFINITY) {
                throw SbiException.userError("KL from densities: log q of draw " + i + " is " + logQ[i]
                        + "; it must be finite or -Infinity");
            }
            infinite |= logQ[i] == Double.NEGATIVE_INFINITY;
        }
        if (infinite) {
            return new DensityEstimate(Double.POSITIVE_INFINITY, Double.NaN, n);
        }
        double mean = 0.0;
        for (int i = 0; i < n; i++) {
            mean += logP[i] - logQ[i];
        }
        mean /= n;
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            double c = logP[i] - logQ[i] - mean;
            ss += c * c;
        }
        return new DensityEstimate(mean, Math.sqrt(ss / (n - 1) / n), n);
    }

    /**
     * KL(P‖Q) from samples with the default settings.
     *
     * @param p draws from P, n×d, finite
     * @param q draws from Q, m×d, finite
     * @param seed the seed of the subsampling
     * @return the estimate
     */
    public static SampleEstimate fromSamples(double[][] p, double[][] q, long seed) {
        return defaults().estimate(p, q, seed);
    }

    /**
     * KL(P‖Q) from samples by the k-nearest-neighbour estimator (see the class comment).
     *
     * @param p draws from P, n×d, finite, n ≥ k + 1
     * @param q draws from Q, m×d, finite, m ≥ k
     * @param seed the seed of the subsampling
     * @return the estimate
     * @throws SbiException a user error for empty, ragged, mismatched, too small or non-finite sets
     */
    public SampleEstimate estimate(double[][] p, double[][] q, long seed) {
        int d = DistanceInputs.check(q, "q", p, "p", "KL from samples");
        if (p.length < k + 1 || q.length < k) {
            throw SbiException.userError("KL from samples with k = " + k + " needs at least " + (k + 1)
                    + " draws from P and " + k + " from Q, got " + p.length + " and " + q.length);
        }
        double[][] moments = zScore ? DistanceInputs.moments(p) : null;
        double[][] ps = DistanceInputs.subsample(p, maxPoints, Seeds.random(seed, "kl-subsample-p", 0));
        double[][] qs = DistanceInputs.subsample(q, maxPoints, Seeds.random(seed, "kl-subsample-q", 0));
        int n = ps.length;
        int m = qs.length;
        double[] x = DistanceInputs.flatten(ps, moments);
        double[] y = DistanceInputs.flatten(qs, moments);
        NearestNeighbours treeP = new NearestNeighbours(x, n, d);
        NearestNeighbours treeQ = new NearestNeighbours(y, m, d);
        double[] halfLogRatio = new double[n];
        int[] order = treeP.treeOrder(); // consecutive queries are neighbours: the searches reuse cached nodes
        workers.parallelFor(n, t -> {
            int i = order[t];
            double rho2 = treeP.kthSquaredDistance(x, i * d, k, i);
            double nu2 = treeQ.kthSquaredDistance(x, i * d, k, -1);
            halfLogRatio[i] = rho2 > 0.0 && nu2 > 0.0 ? 0.5 * Math.log(nu2 / rho2) : Double.NaN;
        });
        double sum = 0.0;
        int used = 0;
        for (double v : halfLogRatio) {
            if (!Double.isNaN(v)) {
                sum += v;
                used++;
            }
        }
        double nats = used == 0 ? Double.NaN : d * sum / used + Math.log((double) m / (n - 1));
        return new SampleEstimate(nats, k, n, m, n - used, d, zScore);
    }
}
