package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;

/**
 * An immutable k-d tree over n points in d dimensions (Euclidean distance) answering "squared distance to the k-th
 * nearest point". Cells are split at the median of the widest coordinate down to leaves of at most 8 points;
 * searches visit the nearer child first and prune the farther one with the incremental cell distance of Arya and
 * Mount (1993). Queries are exact and thread-safe.
 */
final class NearestNeighbours {
    private static final int LEAF = 8;

    private final int d;
    /** Coordinates in tree order, row-major. */
    private final double[] coords;
    /** Original index of each point in tree order. */
    private final int[] original;
    // node arrays; a node is a leaf when splitDim < 0
    private final int[] start;
    private final int[] end;
    private final int[] splitDim;
    private final double[] splitValue;
    private final int[] left;
    private final int[] right;
    private int nodes;

    /**
     * Builds the tree.
     *
     * @param rows the points, row-major, {@code count · d} values
     * @param count the number of points, ≥ 1
     * @param d the dimension
     */
    NearestNeighbours(double[] rows, int count, int d) {
        this.d = d;
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[i] = i;
        }
        int capacity = Math.max(1, count) + 1; // leaves hold >= 4 points, so there are at most count/2 nodes
        start = new int[capacity];
        end = new int[capacity];
        splitDim = new int[capacity];
        splitValue = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        build(rows, perm, 0, count);
        coords = new double[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(rows, perm[i] * d, coords, i * d, d);
        }
        original = perm;
    }

    private int build(double[] rows, int[] perm, int lo, int hi) {
        int node = nodes++;
        start[node] = lo;
        end[node] = hi;
        if (hi - lo <= LEAF) {
            splitDim[node] = -1;
            return node;
        }
        int dim = 0;
        double widest = -1.0;
        for (int k = 0; k < d; k++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = lo; i < hi; i++) {
                double v = rows[perm[i] * d + k];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max - min > widest) {
                widest = max - min;
                dim = k;
            }
        }
        if (widest <= 0.0) {
            splitDim[node] = -1; // all points identical: one (large) leaf
            return node;
        }
        int mid = (lo + hi) >>> 1;
        select(rows, perm, lo, hi - 1, mid, dim);
        splitDim[node] = dim;
        splitValue[node] = rows[perm[mid] * d + dim];
        int l = build(rows, perm, lo, mid);
        int r = build(rows, perm, mid, hi);
        left[node] = l;
        right[node] = r;
        return node;
    }

    /** Reorders perm[lo..hi] so that position k holds the k-th smallest coordinate {@code dim} (Hoare select). */
    private void select(double[] rows, int[] perm, int lo, int hi, int k, int dim) {
        while (hi > lo) {
            double pivot = rows[perm[(lo + hi) >>> 1] * d + dim];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (rows[perm[i] * d + dim] < pivot) {
                    i++;
                }
                while (rows[perm[j] * d + dim] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** The original indices of the points in tree order: nearby points are close together in this order. */
    int[] treeOrder() {
        return original.clone();
    }

    /**
     * The squared distance from a query to its k-th nearest point of the tree.
     *
     * @param query the query point, row-major array
     * @param offset where the query starts in {@code query}
     * @param k the neighbour rank, 1 ≤ k ≤ (number of points, less one if {@code exclude} is a point)
     * @param exclude the original index of a point to ignore (the query itself), or −1
     * @return the squared distance
     */
    double kthSquaredDistance(double[] query, int offset, int k, int exclude) {
        double[] q = Arrays.copyOfRange(query, offset, offset + d);
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        search(0, q, best, exclude, 0.0, new double[d]);
        return best[k - 1];
    }

    private void search(int node, double[] q, double[] best, int exclude, double cellDistance, double[] off) {
        int dim = splitDim[node];
        if (dim < 0) {
            int k = best.length;
            for (int p = start[node]; p < end[node]; p++) {
                if (original[p] == exclude) {
                    continue;
                }
                double worst = best[k - 1];
                int base = p * d;
                double s = 0.0;
                for (int c = 0; c < d && s < worst; c++) {
                    double diff = q[c] - coords[base + c];
                    s += diff * diff;
                }
                if (s < worst) {
                    int i = k - 1;
                    while (i > 0 && best[i - 1] > s) {
                        best[i] = best[i - 1];
                        i--;
                    }
                    best[i] = s;
                }
            }
            return;
        }
        double diff = q[dim] - splitValue[node];
        int near = diff < 0.0 ? left[node] : right[node];
        int far = diff < 0.0 ? right[node] : left[node];
        search(near, q, best, exclude, cellDistance, off);
        double old = off[dim];
        double farDistance = cellDistance - old * old + diff * diff;
        if (farDistance < best[best.length - 1]) {
            off[dim] = diff;
            search(far, q, best, exclude, farDistance, off);
            off[dim] = old;
        }
    }
}
