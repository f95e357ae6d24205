package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * Wasserstein distances W1 and W2 (Euclidean ground cost) between two equal-weight empirical samples, in the units
 * of the data (or z-scored units, if asked). The method depends on the dimension d:
 * <ul>
 *   <li>{@code "1-d"} (d = 1): exact, W_p^p = ∫₀¹ |F⁻¹(u) − G⁻¹(u)|^p du between the two empirical quantile
 *       functions, on all rows (sizes may differ);</li>
 *   <li>{@code "exact"} (d = 2 or 3, or {@link Method#EXACT}): both sets are subsampled without replacement
 *       (seeded) to the same size s = min(n, m, {@code exactPoints}) (default 1,000) and the optimal matching is
 *       found by {@link LinearAssignment}, once with cost |x − y| (W1) and once with |x − y|² (W2 = the square
 *       root of its mean). This is the exact distance between the subsamples; as an estimate of the distance
 *       between the underlying distributions it is biased upwards, by an amount that shrinks like s^(−1/2) in
 *       2-d (and more slowly in 3-d);</li>
 *   <li>{@code "sliced"} (d &gt; 3, or {@link Method#SLICED}): sliced Wasserstein over {@code projections}
 *       (default 200) directions drawn uniformly on the unit sphere (seeded): SW1 = mean over directions of the 1-d
 *       W1 of the projected sets, SW2 = sqrt(mean of the 1-d W2²), on at most {@code maxPoints} rows per set
 *       (default 10,000). Sliced distances are smaller than the full ones (for a shift δ in d dimensions,
 *       SW2 = |δ|/√d).</li>
 * </ul>
 * Projections and cost-matrix rows are spread over threads; the result is identical for any thread count.
 * Instances are immutable and thread-safe.
 */
public final class Wasserstein {
    /** Default size of the subsamples matched exactly (both W1 and W2 take about 0.8 s on one core in 2-d). */
    public static final int DEFAULT_EXACT_POINTS = 1000;
    /** Default number of random directions of the sliced distance. */
    public static final int DEFAULT_PROJECTIONS = 200;
    /** Default maximum number of rows per set of the sliced distance. */
    public static final int DEFAULT_MAX_POINTS = 10_000;

    /** How the distance is computed. */
    public enum Method {
        /** 1-d exact for d = 1, exact matching for d = 2 or 3, sliced above. */
        AUTO,
        /** Exact matching of subsamples (any d; O(s³) time). */
        EXACT,
        /** Sliced over random directions (any d). */
        SLICED
    }

    private final Method method;
    private final int exactPoints;
    private final int projections;
    private final int maxPoints;
    private final boolean zScore;
    private final Workers workers;

    private Wasserstein(Method method, int exactPoints, int projections, int maxPoints, boolean zScore,
                        Workers workers) {
        this.method = method;
        this.exactPoints = exactPoints;
        this.projections = projections;
        this.maxPoints = maxPoints;
        this.zScore = zScore;
        this.workers = workers;
    }

    /**
     * Default settings: automatic method, 1,000 exactly matched points, 200 projections of at most 10,000 rows, data
     * units (no z-scoring), one thread per available processor.
     *
     * @return the distance
     */
    public static Wasserstein defaults() {
        return new Wasserstein(Method.AUTO, DEFAULT_EXACT_POINTS, DEFAULT_PROJECTIONS, DEFAULT_MAX_POINTS, false,
                Workers.defaults());
    }

    /**
     * W1 and W2 of {@code samples} against {@code reference} with the default settings.
     *
     * @param samples the samples under test, n×d, finite
     * @param reference the reference samples, m×d, finite
     * @param seed the seed of the subsampling and the directions
     * @return the distances
     */
    public static Result compute(double[][] samples, double[][] reference, long seed) {
        return defaults().evaluate(samples, reference, seed);
    }

    /**
     * @param choice how to compute the distance (d = 1 is always exact by sorting)
     * @return a copy with that method
     */
    public Wasserstein withMethod(Method choice) {
        if (choice == null) {
            throw new IllegalArgumentException("method is null; use AUTO, EXACT or SLICED");
        }
        return new Wasserstein(choice, exactPoints, projections, maxPoints, zScore, workers);
    }

    /**
     * @param count the size of the exactly matched subsamples, ≥ 1 (time grows like its cube)
     * @return a copy with that size
     */
    public Wasserstein withExactPoints(int count) {
        return new Wasserstein(method, DistanceInputs.positive(count, "exactPoints"), projections, maxPoints, zScore,
                workers);
    }

    /**
     * @param count the number of random directions of the sliced distance, ≥ 1
     * @return a copy with that many directions
     */
    public Wasserstein withProjections(int count) {
        return new Wasserstein(method, exactPoints, DistanceInputs.positive(count, "projections"), maxPoints, zScore,
                workers);
    }

    /**
     * @param count the maximum number of rows per set of the sliced distance, ≥ 1
     * @return a copy with that limit
     */
    public Wasserstein withMaxPoints(int count) {
        return new Wasserstein(method, exactPoints, projections, DistanceInputs.positive(count, "maxPoints"), zScore,
                workers);
    }

    /**
     * @param enabled whether to standardise both sets by the reference's column means and standard deviations
     *     first (the distances are then in reference standard deviations)
     * @return a copy with that choice
     */
    public Wasserstein withZScore(boolean enabled) {
        return new Wasserstein(method, exactPoints, projections, maxPoints, enabled, workers);
    }

    /**
     * @param count the number of threads, ≥ 1 (does not change the result)
     * @return a copy using that many threads
     */
    public Wasserstein withThreads(int count) {
        return new Wasserstein(method, exactPoints, projections, maxPoints, zScore,
                workers.withThreads(count));
    }

    /**
     * @param pool where the parallel work runs (default: the process-wide {@link LocalWorkerPool#shared()})
     * @return a copy running on that pool
     */
    public Wasserstein withPool(WorkerPool pool) {
        return new Wasserstein(method, exactPoints, projections, maxPoints, zScore, workers.withPool(pool));
    }

    /**
     * The distances.
     *
     * @param w1 the (sliced, if so) Wasserstein-1 distance
     * @param w2 the (sliced, if so) Wasserstein-2 distance
     * @param method {@code "1-d"}, {@code "exact"} or {@code "sliced"}
     * @param samplesUsed the number of rows used from the samples under test
     * @param referenceUsed the number of rows used from the reference
     * @param projections the number of directions ({@code 0} unless sliced)
     * @param dimension the dimension d
     * @param zScored whether both sets were standardised by the reference
     */
    public record Result(double w1, double w2, String method, int samplesUsed, int referenceUsed, int projections,
                         int dimension, boolean zScored) {
    }

    /**
     * Computes W1 and W2.
     *
     * @param samples the samples under test, n×d, finite
     * @param reference the reference samples, m×d, finite
     * @param seed the seed of the subsampling and the directions
     * @return the distances and how they were computed
     * @throws SbiException a user error for empty, ragged, mismatched or non-finite sets
     */
    public Result evaluate(double[][] samples, double[][] reference, long seed) {
        int d = DistanceInputs.check(samples, "samples", reference, "reference", "Wasserstein");
        double[][] moments = zScore ? DistanceInputs.moments(reference) : null;
        if (d == 1) {
            double[] a = DistanceInputs.flatten(samples, moments);
            double[] b = DistanceInputs.flatten(reference, moments);
            Arrays.sort(a);
            Arrays.sort(b);
            double[] w = sortedDistances(a, b);
            return new Result(w[0], Math.sqrt(w[1]), "1-d", a.length, b.length, 0, 1, zScore);
        }
        boolean exact = method == Method.EXACT || (method == Method.AUTO && d <= 3);
        return exact ? exact(samples, reference, moments, d, seed) : sliced(samples, reference, moments, d, seed);
    }

    private Result exact(double[][] samples, double[][] reference, double[][] moments, int d, long seed) {
        int s = Math.min(exactPoints, Math.min(samples.length, reference.length));
        double[] x = DistanceInputs.flatten(
                DistanceInputs.subsample(samples, s, Seeds.random(seed, "wasserstein-subsample-samples", 0)), moments);
        double[] y = DistanceInputs.flatten(
                DistanceInputs.subsample(reference, s, Seeds.random(seed, "wasserstein-subsample-reference", 0)),
                moments);
        double[] squared = new double[s * s];
        workers.parallelFor(s, i -> {
            for (int j = 0; j < s; j++) {
                double t = 0.0;
                for (int k = 0; k < d; k++) {
                    double c = x[i * d + k] - y[j * d + k];
                    t += c * c;
                }
                squared[i * s + j] = t;
            }
        });
        double[] plain = new double[s * s];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = Math.sqrt(squared[i]);
        }
        double w1 = matchedMean(plain, LinearAssignment.solve(plain, s), s);
        double w2 = Math.sqrt(matchedMean(squared, LinearAssignment.solve(squared, s), s));
        return new Result(w1, w2, "exact", s, s, 0, d, moments != null);
    }

    private static double matchedMean(double[] cost, int[] column, int s) {
        double sum = 0.0;
        for (int i = 0; i < s; i++) {
            sum += cost[i * s + column[i]];
        }
        return sum / s;
    }

    private Result sliced(double[][] samples, double[][] reference, double[][] moments, int d, long seed) {
        double[] x = DistanceInputs.flatten(
                DistanceInputs.subsample(samples, maxPoints, Seeds.random(seed, "wasserstein-subsample-samples", 0)),
                moments);
        double[] y = DistanceInputs.flatten(
                DistanceInputs.subsample(reference, maxPoints,
                        Seeds.random(seed, "wasserstein-subsample-reference", 0)), moments);
        int n = x.length / d;
        int m = y.length / d;
        double[] w1 = new double[projections];
        double[] w2sq = new double[projections];
        workers.parallelFor(projections, p -> {
            double[] direction = direction(d, seed, p);
            double[] a = project(x, n, d, direction);
            double[] b = project(y, m, d, direction);
            Arrays.sort(a);
            Arrays.sort(b);
            double[] w = sortedDistances(a, b);
            w1[p] = w[0];
            w2sq[p] = w[1];
        });
        return new Result(DistanceInputs.sum(w1) / projections, Math.sqrt(DistanceInputs.sum(w2sq) / projections),
                "sliced", n, m, projections, d, moments != null);
    }

    /** A direction uniform on the unit sphere: normalised standard normal coordinates of stream p. */
    static double[] direction(int d, long seed, int p) {
        ZigguratSampler.NormalizedGaussian normal =
                ZigguratSampler.NormalizedGaussian.of(Seeds.random(seed, "wasserstein-direction", p));
        double[] u = new double[d];
        double norm = 0.0;
        while (norm == 0.0) {
            norm = 0.0;
            for (int k = 0; k < d; k++) {
                u[k] = normal.sample();
                norm += u[k] * u[k];
            }
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
            u[k] /= norm;
        }
        return u;
    }

    private static double[] project(double[] rows, int count, int d, double[] direction) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            double s = 0.0;
            for (int k = 0; k < d; k++) {
                s += rows[i * d + k] * direction[k];
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * W1 and W2² between two sorted 1-d samples of any sizes: the integral over u of the quantile difference,
     * which is piecewise constant between the breakpoints i/n and j/m.
     */
    static double[] sortedDistances(double[] a, double[] b) {
        long n = a.length;
        long m = b.length;
        int i = 0;
        int j = 0;
        long position = 0; // u = position / (n·m)
        double w1 = 0.0;
        double w2 = 0.0;
        while (i < n && j < m) {
            long nextA = (i + 1) * m;
            long nextB = (j + 1) * n;
            long next = Math.min(nextA, nextB);
            double diff = Math.abs(a[i] - b[j]);
            double width = next - position;
            w1 += width * diff;
            w2 += width * diff * diff;
            position = next;
            if (nextA == next) {
                i++;
            }
            if (nextB == next) {
                j++;
            }
        }
        double total = (double) n * m;
        return new double[] {w1 / total, w2 / total};
    }
}
