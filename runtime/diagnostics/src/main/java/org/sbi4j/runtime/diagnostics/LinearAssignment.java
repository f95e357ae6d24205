package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;

/**
 * The linear assignment problem: a one-to-one matching of n rows to n columns of a cost matrix with the least
 * total cost. Solved exactly by the Hungarian method in its shortest-augmenting-path form (Jonker–Volgenant
 * style, with row and column potentials): rows are added one at a time and each is matched by a Dijkstra-like
 * search over reduced costs, O(n³) time and O(n) extra memory.
 */
final class LinearAssignment {
    private LinearAssignment() {
    }

    /**
     * Solves one problem.
     *
     * @param cost the n×n costs, row-major ({@code cost[i * n + j]} is the cost of giving column j to row i),
     *     finite
     * @param n the size, ≥ 1
     * @return {@code column[i]}, the column matched to row i
     */
    static int[] solve(double[] cost, int n) {
        // 1-based arrays; column 0 is a virtual column that holds the row being inserted
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOf = new int[n + 1];
        int[] previous = new int[n + 1];
        double[] slack = new double[n + 1];
        boolean[] done = new boolean[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOf[0] = row;
            int col = 0;
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            Arrays.fill(done, false);
            do {
                done[col] = true;
                int i = rowOf[col];
                int base = (i - 1) * n - 1;
                double ui = u[i];
                double delta = Double.POSITIVE_INFINITY;
                int nextCol = 0;
                for (int j = 1; j <= n; j++) {
                    if (!done[j]) {
                        double reduced = cost[base + j] - ui - v[j];
                        if (reduced < slack[j]) {
                            slack[j] = reduced;
                            previous[j] = col;
                        }
                        if (slack[j] < delta) {
                            delta = slack[j];
                            nextCol = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (done[j]) {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                col = nextCol;
            } while (rowOf[col] != 0);
            // flip the augmenting path back to the virtual column
            do {
                int prev = previous[col];
                rowOf[col] = rowOf[prev];
                col = prev;
            } while (col != 0);
        }
        int[] column = new int[n];
        for (int j = 1; j <= n; j++) {
            column[rowOf[j] - 1] = j - 1;
        }
        return column;
    }
}
