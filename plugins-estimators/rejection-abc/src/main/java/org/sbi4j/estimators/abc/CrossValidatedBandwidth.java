package org.sbi4j.estimators.abc;

/**
 * Scalar bandwidth h of an isotropic Gaussian KDE (kernel covariance h²·I) chosen by maximising the
 * leave-one-out log-likelihood, after sbibm's {@code kde_bandwidth="cv"}.
 *
 * <p>The search follows sbibm: s is the standard deviation of all entries of the point matrix; the first grid is
 * 10 values evenly spaced over [0.1 s, 0.5 s]; each following grid spans the best and second-best values of the
 * previous one; at most 5 grids, stopping once the best score improves by less than {@link #TOLERANCE}.
 * It differs from sbibm in three deliberate ways:
 * <ul>
 *   <li>the score is the leave-one-out log-likelihood (each point scored by the KDE of all others), which needs no
 *       randomness and no fold order; sbibm uses 20 contiguous folds of the kept points in distance order
 *       (scikit-learn's unshuffled {@code KFold}), i.e. each fit sees 95 % rather than all but one point;</li>
 *   <li>when the best value lies at the lower (upper) end of a grid the next grid is [h/5, h] ([h, 5h]), so the
 *       search can leave the initial range; sbibm's edge branch computes its new limits from the grid index
 *       rather than the bandwidth;</li>
 *   <li>with more than {@link #MAX_POINTS} points, h is selected on an evenly strided subset of m of them and
 *       scaled by the normal-reference rate (m/k)^(1/(d+4)), keeping the cost O(m²) per grid value.</li>
 * </ul>
 * Deterministic: the same points always give the same h.
 */
final class CrossValidatedBandwidth {
    /** Number of values per grid (sbibm). */
    static final int GRID_SIZE = 10;
    /** Maximum number of grids (sbibm). */
    static final int MAX_ROUNDS = 5;
    /** The search stops when the mean held-out log-likelihood per point improves by less than this. */
    static final double TOLERANCE = 1e-4;
    /** Largest number of points on which the score is computed. */
    static final int MAX_POINTS = 1000;

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private CrossValidatedBandwidth() {
    }

    /**
     * Selects the bandwidth.
     *
     * @param points {@code count × dimension} points, row-major (not modified)
     * @param count number of points k
     * @param dimension their dimension d
     * @return h ≥ 0; 0 when there are fewer than two points or all entries are equal
     */
    static double select(double[] points, int count, int dimension) {
        if (count < 2) {
            return 0;
        }
        double s = entrySd(points, count * dimension);
        if (!(s > 0)) {
            return 0;
        }
        double[] used = points;
        int m = count;
        double rescale = 1;
        if (count > MAX_POINTS) {
            int stride = (count + MAX_POINTS - 1) / MAX_POINTS;
            m = (count + stride - 1) / stride;
            used = new double[m * dimension];
            for (int c = 0; c < m; c++) {
                System.arraycopy(points, c * stride * dimension, used, c * dimension, dimension);
            }
            rescale = Math.pow((double) m / count, 1.0 / (dimension + 4));
        }
        Scorer scorer = new Scorer(used, m, dimension);
        double lower = 0.1 * s;
        double upper = 0.5 * s;
        double bestH = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        double[] grid = new double[GRID_SIZE];
        double[] scores = new double[GRID_SIZE];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int best = 0;
            int second = -1;
            for (int g = 0; g < GRID_SIZE; g++) {
                grid[g] = lower + (upper - lower) * g / (GRID_SIZE - 1);
                scores[g] = scorer.meanLogLikelihood(grid[g]);
                if (scores[g] > scores[best]) {
                    best = g;
                }
            }
            for (int g = 0; g < GRID_SIZE; g++) {
                if (g != best && (second < 0 || scores[g] > scores[second])) {
                    second = g;
                }
            }
            double improvement = scores[best] - bestScore;
            if (scores[best] > bestScore) {
                bestScore = scores[best];
                bestH = grid[best];
            }
            if (!(improvement >= TOLERANCE)) {
                break;
            }
            if (best == 0) {
                upper = grid[0];
                lower = grid[0] / 5;
            } else if (best == GRID_SIZE - 1) {
                lower = grid[GRID_SIZE - 1];
                upper = 5 * grid[GRID_SIZE - 1];
            } else {
                lower = Math.min(grid[best], grid[second]);
                upper = Math.max(grid[best], grid[second]);
            }
        }
        return bestH * rescale;
    }

    /**
     * Mean over the points of the log-density of each point under the isotropic Gaussian KDE of all the others.
     *
     * @param points {@code count × dimension} points, row-major, count ≥ 2
     * @param count number of points
     * @param dimension their dimension
     * @param h the bandwidth, positive
     * @return (1/k) Σᵢ log[(1/(k−1)) Σ_{j≠i} N(xᵢ; xⱼ, h²I)]
     */
    static double leaveOneOutLogLikelihood(double[] points, int count, int dimension, double h) {
        return new Scorer(points, count, dimension).meanLogLikelihood(h);
    }

    /** Standard deviation (denominator n) of the first n entries, as numpy's {@code X.std()}. */
    static double entrySd(double[] values, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += values[i];
        }
        mean /= n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i] - mean;
            sum += v * v;
        }
        return Math.sqrt(sum / n);
    }

    /** Pairwise squared distances computed once, scored for any bandwidth. */
    private static final class Scorer {
        private final int count;
        private final int dimension;
        /** Squared distances, full symmetric {@code count × count} with zero diagonal. */
        private final double[] squared;
        /** Smallest squared distance from each point to another, to keep the log-sum-exp stable. */
        private final double[] nearest;

        Scorer(double[] points, int count, int dimension) {
            this.count = count;
            this.dimension = dimension;
            this.squared = new double[count * count];
            this.nearest = new double[count];
            java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int i = 0; i < count; i++) {
                for (int j = i + 1; j < count; j++) {
                    double sum = 0;
                    for (int k = 0; k < dimension; k++) {
                        double v = points[i * dimension + k] - points[j * dimension + k];
                        sum += v * v;
                    }
                    squared[i * count + j] = sum;
                    squared[j * count + i] = sum;
                    nearest[i] = Math.min(nearest[i], sum);
                    nearest[j] = Math.min(nearest[j], sum);
                }
            }
        }

        double meanLogLikelihood(double h) {
            double scale = -0.5 / (h * h);
            double total = 0;
            for (int i = 0; i < count; i++) {
                int row = i * count;
                double shift = nearest[i];
                double sum = 0;
                for (int j = 0; j < count; j++) {
                    if (j != i) {
                        sum += Math.exp(scale * (squared[row + j] - shift));
                    }
                }
                total += scale * shift + Math.log(sum);
            }
            return total / count - Math.log(count - 1) - dimension * (Math.log(h) + HALF_LOG_TWO_PI);
        }
    }
}
