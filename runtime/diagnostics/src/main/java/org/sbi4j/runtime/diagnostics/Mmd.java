package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * Maximum mean discrepancy (MMD) between samples under test and reference samples, with a Gaussian kernel
 * k(x, y) = exp(−|x − y|² / (2σ²)):
 * <ol>
 *   <li>each set is subsampled without replacement to at most {@code maxPoints} rows (default 2,000; seeded,
 *       original order kept);</li>
 *   <li>if z-scoring is on (default), both sets are standardised with the per-column mean and standard deviation
 *       (n−1 denominator) of the whole reference set, as {@link C2st} does; a constant column is only centred;</li>
 *   <li>the bandwidth σ is, unless fixed with {@link #withBandwidth}, the median heuristic: the median (mean of
 *       the two middle values for an even count) of the Euclidean distances between all pairs of at most 1,000
 *       rows drawn without replacement (seeded) from the pooled, standardised subsamples; if that median is 0,
 *       the mean pairwise distance, and if that is 0 too, σ = 1;</li>
 *   <li>MMD² is the unbiased estimator of Gretton et al. (2012, eq. 3):
 *       (1/(n(n−1))) Σ_{i≠j} k(x_i, x_j) + (1/(m(m−1))) Σ_{i≠j} k(y_i, y_j) − (2/(nm)) Σ_{i,j} k(x_i, y_j),
 *       which can be negative; MMD = sqrt(max(0, MMD²));</li>
 *   <li>optionally (off by default) a permutation p-value: the pooled rows are relabelled at random
 *       {@code permutations} times, and p = (1 + #{permuted MMD² ≥ observed}) / (1 + permutations). This keeps
 *       the upper triangle of the pooled kernel matrix in memory as {@code float}: about 2·(n + m)² bytes, 32 MB
 *       at the default 2,000 + 2,000 rows; each permutation then costs (n + m)²/2 additions.</li>
 * </ol>
 * Kernel rows and permutations are spread over threads; each is computed on its own and summed in a fixed order,
 * so the result is identical for any thread count. Instances are immutable and thread-safe.
 */
public final class Mmd {
    /** Default maximum number of rows used from each set. */
    public static final int DEFAULT_MAX_POINTS = 2000;
    /** Maximum number of pooled rows whose pairwise distances give the median-heuristic bandwidth. */
    public static final int BANDWIDTH_POINTS = 1000;

    private final int maxPoints;
    private final boolean zScore;
    private final double bandwidth;
    private final int permutations;
    private final Workers workers;

    private Mmd(int maxPoints, boolean zScore, double bandwidth, int permutations, Workers workers) {
        this.maxPoints = maxPoints;
        this.zScore = zScore;
        this.bandwidth = bandwidth;
        this.permutations = permutations;
        this.workers = workers;
    }

    /**
     * Default settings: 2,000 rows per set, z-scoring by the reference, median-heuristic bandwidth, no permutation
     * test, one thread per available processor.
     *
     * @return the estimator
     */
    public static Mmd defaults() {
        return new Mmd(DEFAULT_MAX_POINTS, true, Double.NaN, 0, Workers.defaults());
    }

    /**
     * The MMD of {@code samples} against {@code reference} with the default settings.
     *
     * @param samples the samples under test, n×d, finite
     * @param reference the reference samples, m×d, finite
     * @param seed the seed of the subsampling and the bandwidth subsample
     * @return the estimate
     */
    public static Result compute(double[][] samples, double[][] reference, long seed) {
        return defaults().evaluate(samples, reference, seed);
    }

    /**
     * @param count the maximum number of rows used from each set, ≥ 2
     * @return a copy with that limit
     */
    public Mmd withMaxPoints(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("maxPoints = " + count + " is invalid; it must be >= 2");
        }
        return new Mmd(count, zScore, bandwidth, permutations, workers);
    }

    /**
     * @param enabled whether to standardise both sets by the reference's column means and standard deviations
     * @return a copy with that choice
     */
    public Mmd withZScore(boolean enabled) {
        return new Mmd(maxPoints, enabled, bandwidth, permutations, workers);
    }

    /**
     * @param sigma a fixed kernel bandwidth σ &gt; 0 (in z-scored units if z-scoring is on), or NaN for the median
     *     heuristic
     * @return a copy with that bandwidth
     */
    public Mmd withBandwidth(double sigma) {
        if (!Double.isNaN(sigma) && !(sigma > 0.0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("bandwidth = " + sigma + " is invalid; it must be > 0 (or NaN for"
                    + " the median heuristic)");
        }
        return new Mmd(maxPoints, zScore, sigma, permutations, workers);
    }

    /**
     * @param count the number of random relabellings of the permutation test, ≥ 0 (0 = no p-value); about 100
     *     gives p-values to ±0.03
     * @return a copy with that many permutations
     */
    public Mmd withPermutations(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("permutations = " + count + " is invalid; it must be >= 0");
        }
        return new Mmd(maxPoints, zScore, bandwidth, count, workers);
    }

    /**
     * @param count the number of threads, ≥ 1 (does not change the result)
     * @return a copy using that many threads
     */
    public Mmd withThreads(int count) {
        return new Mmd(maxPoints, zScore, bandwidth, permutations, workers.withThreads(count));
    }

    /**
     * @param pool where the parallel work runs (default: the process-wide {@link LocalWorkerPool#shared()})
     * @return a copy running on that pool
     */
    public Mmd withPool(WorkerPool pool) {
        return new Mmd(maxPoints, zScore, bandwidth, permutations, workers.withPool(pool));
    }

    /**
     * The outcome of one estimate.
     *
     * @param mmdSquared the unbiased estimate of MMD²; may be slightly negative when the sets agree
     * @param mmd sqrt(max(0, mmdSquared)), in kernel-feature units (between 0 and √2)
     * @param bandwidth the kernel bandwidth σ used (z-scored units if {@code zScored})
     * @param pValue the permutation p-value, or NaN if no permutation test was run
     * @param permutations the number of permutations behind {@code pValue} (0 if none)
     * @param samplesUsed the number of rows used from the samples under test
     * @param referenceUsed the number of rows used from the reference
     * @param zScored whether both sets were standardised by the reference
     */
    public record Result(double mmdSquared, double mmd, double bandwidth, double pValue, int permutations,
                         int samplesUsed, int referenceUsed, boolean zScored) {
    }

    /**
     * Estimates the MMD.
     *
     * @param samples the samples under test, n×d, finite, n ≥ 2
     * @param reference the reference samples, m×d, finite, m ≥ 2
     * @param seed the seed of the subsampling, the bandwidth subsample and the permutations
     * @return the estimate
     * @throws SbiException a user error for empty, ragged, mismatched, too small or non-finite sets
     */
    public Result evaluate(double[][] samples, double[][] reference, long seed) {
        int d = DistanceInputs.check(samples, "samples", reference, "reference", "MMD");
        if (samples.length < 2 || reference.length < 2) {
            throw SbiException.userError("MMD needs at least 2 rows in each set, got "
                    + samples.length + " samples and " + reference.length + " reference rows");
        }
        double[][] x = DistanceInputs.subsample(samples, maxPoints, Seeds.random(seed, "mmd-subsample-samples", 0));
        double[][] y = DistanceInputs.subsample(reference, maxPoints,
                Seeds.random(seed, "mmd-subsample-reference", 0));
        double[][] moments = zScore ? DistanceInputs.moments(reference) : null;
        int n = x.length;
        int m = y.length;
        int total = n + m;
        double[] pooled = new double[total * d];
        System.arraycopy(DistanceInputs.flatten(x, moments), 0, pooled, 0, n * d);
        System.arraycopy(DistanceInputs.flatten(y, moments), 0, pooled, n * d, m * d);

        double sigma = Double.isNaN(bandwidth)
                ? medianHeuristic(pooled, total, d, Seeds.random(seed, "mmd-bandwidth", 0)) : bandwidth;
        double gamma = 1.0 / (2.0 * sigma * sigma);

        // Sums over unordered pairs, one pooled row at a time; with a permutation test the upper triangle of the
        // kernel matrix is kept (as float) for relabelling
        float[][] kernel = permutations > 0 ? new float[total][] : null;
        double[] xx = new double[total];
        double[] xy = new double[total];
        double[] yy = new double[total];
        workers.parallelFor(total, i -> {
            float[] row = kernel == null ? null : new float[total - i - 1];
            double sxx = 0.0;
            double sxy = 0.0;
            double syy = 0.0;
            for (int j = i + 1; j < total; j++) {
                double k = Math.exp(-gamma * squaredDistance(pooled, i, j, d));
                if (row != null) {
                    row[j - i - 1] = (float) k;
                }
                if (j < n) {
                    sxx += k;
                } else if (i < n) {
                    sxy += k;
                } else {
                    syy += k;
                }
            }
            xx[i] = sxx;
            xy[i] = sxy;
            yy[i] = syy;
            if (kernel != null) {
                kernel[i] = row;
            }
        });
        double mmd2 = statistic(DistanceInputs.sum(xx), DistanceInputs.sum(yy), DistanceInputs.sum(xy), n, m);
        double mmd = Math.sqrt(Math.max(0.0, mmd2));
        if (kernel == null) {
            return new Result(mmd2, mmd, sigma, Double.NaN, 0, n, m, zScore);
        }

        boolean[] identity = new boolean[total];
        Arrays.fill(identity, 0, n, true);
        // compare like with like: the observed statistic from the same float matrix as the permuted ones
        double observed = labelledStatistic(kernel, identity, n, m);
        double[] permuted = new double[permutations];
        workers.parallelFor(permutations, p -> {
            UniformRandomProvider rng = Seeds.random(seed, "mmd-permutation", p);
            boolean[] label = identity.clone();
            for (int i = total - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                boolean t = label[i];
                label[i] = label[j];
                label[j] = t;
            }
            permuted[p] = labelledStatistic(kernel, label, n, m);
        });
        int atLeast = 0;
        for (double v : permuted) {
            if (v >= observed) {
                atLeast++;
            }
        }
        double pValue = (1.0 + atLeast) / (1.0 + permutations);
        return new Result(mmd2, mmd, sigma, pValue, permutations, n, m, zScore);
    }

    /** Unbiased MMD² from the sums over unordered pairs within X, within Y and across. */
    private static double statistic(double pairsXx, double pairsYy, double cross, int n, int m) {
        return 2.0 * pairsXx / ((double) n * (n - 1)) + 2.0 * pairsYy / ((double) m * (m - 1))
                - 2.0 * cross / ((double) n * m);
    }

    private static double labelledStatistic(float[][] kernel, boolean[] inX, int n, int m) {
        double xx = 0.0;
        double xy = 0.0;
        double yy = 0.0;
        int total = inX.length;
        for (int i = 0; i < total; i++) {
            float[] row = kernel[i];
            boolean xi = inX[i];
            double same = 0.0;
            double other = 0.0;
            for (int j = i + 1; j < total; j++) {
                if (inX[j] == xi) {
                    same += row[j - i - 1];
                } else {
                    other += row[j - i - 1];
                }
            }
            if (xi) {
                xx += same;
            } else {
                yy += same;
            }
            xy += other;
        }
        return statistic(xx, yy, xy, n, m);
    }

    static double squaredDistance(double[] rows, int i, int j, int d) {
        int a = i * d;
        int b = j * d;
        double s = 0.0;
        for (int k = 0; k < d; k++) {
            double c = rows[a + k] - rows[b + k];
            s += c * c;
        }
        return s;
    }

    /** Median pairwise distance of at most {@link #BANDWIDTH_POINTS} pooled rows (see the class comment). */
    static double medianHeuristic(double[] pooled, int total, int d, UniformRandomProvider rng) {
        int[] idx = new int[total];
        for (int i = 0; i < total; i++) {
            idx[i] = i;
        }
        int count = Math.min(total, BANDWIDTH_POINTS);
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(total - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        double[] distances = new double[count * (count - 1) / 2];
        int p = 0;
        double sum = 0.0;
        for (int a = 0; a < count; a++) {
            for (int b = a + 1; b < count; b++) {
                double dist = Math.sqrt(squaredDistance(pooled, idx[a], idx[b], d));
                distances[p++] = dist;
                sum += dist;
            }
        }
        Arrays.sort(distances);
        int half = distances.length / 2;
        double median = distances.length % 2 == 1 ? distances[half] : 0.5 * (distances[half - 1] + distances[half]);
        if (median > 0.0) {
            return median;
        }
        double mean = sum / distances.length;
        return mean > 0.0 ? mean : 1.0;
    }
}
