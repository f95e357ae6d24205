package org.sbi4j.runtime.diagnostics;

import java.util.Arrays;

/**
 * The matrix products of a dense layer on matrices stored as arrays of rows ({@code double[rows][cols]}).
 *
 * <p>Written for what the JDK 17 JIT vectorises: every inner loop updates one row array at the same index it
 * reads the other row arrays ({@code z[j] += v0·w0[j] + … + v3·w3[j]}), so no aliasing question stops
 * auto-vectorisation (JDK 17 does not vectorise loops over offsets into one flat array). Four rows are combined
 * per pass to cut loads and stores of the accumulated row, and the exact zeros of the sparse operand (ReLU
 * outputs, masked deltas) are compacted away first ({@link Support}), which halves the work without
 * unpredictable branches. Each result element is accumulated in an order fixed by the data alone, so results are
 * reproducible bit for bit.
 */
final class Dense {
    private Dense() {
    }

    /** The positions of the non-zero entries of each row of an n×width matrix, in column order. */
    static final class Support {
        final int[][] idx;
        final int[] count;

        Support(int capacity, int width) {
            idx = new int[capacity][width];
            count = new int[capacity];
        }

        /** Records the non-zeros of rows 0..n-1 of {@code a}. */
        void scan(double[][] a, int n, int width) {
            for (int b = 0; b < n; b++) {
                double[] ab = a[b];
                int[] ib = idx[b];
                int c = 0;
                for (int k = 0; k < width; k++) {
                    ib[c] = k;
                    c += ab[k] != 0.0 ? 1 : 0;
                }
                count[b] = c;
            }
        }

        /** Applies the ReLU to rows 0..n-1 of {@code a} in place and records their non-zeros (the positives). */
        void relu(double[][] a, int n, int width) {
            for (int b = 0; b < n; b++) {
                double[] ab = a[b];
                for (int k = 0; k < width; k++) {
                    ab[k] = Math.max(ab[k], 0.0);
                }
            }
            scan(a, n, width);
        }
    }

    /** The row numbers of the non-zero entries of each column of an n×width matrix, built from its {@link Support}. */
    static final class ColumnSupport {
        final int[][] rows;
        final int[] count;

        ColumnSupport(int capacity, int width) {
            rows = new int[width][capacity];
            count = new int[width];
        }

        void transpose(Support s, int n, int width) {
            Arrays.fill(count, 0, width, 0);
            for (int b = 0; b < n; b++) {
                int[] ib = s.idx[b];
                for (int t = 0, c = s.count[b]; t < c; t++) {
                    int k = ib[t];
                    rows[k][count[k]++] = b;
                }
            }
        }
    }

    /**
     * {@code z[b] = bias + Σ_k a[b][k]·w[k]} for rows b &lt; n: {@code a} is n×in, {@code w} is in×out,
     * {@code z} is n×out; {@code bias} may be null (zero). {@code support} must hold the non-zeros of
     * {@code a} ({@link Support#scan} or {@link Support#relu}); {@code column} is scratch of length ≥ in.
     */
    static void affine(double[][] a, int n, int in, double[][] w, double[] bias, int out, double[][] z,
                       Support support, double[] column) {
        if (out == 1) {
            columnOf(w, in, column);
            double b0 = bias == null ? 0.0 : bias[0];
            for (int b = 0; b < n; b++) {
                int[] ib = support.idx[b];
                double[] ab = a[b];
                double s = b0;
                for (int t = 0, c = support.count[b]; t < c; t++) {
                    int k = ib[t];
                    s += ab[k] * column[k];
                }
                z[b][0] = s;
            }
            return;
        }
        for (int b = 0; b < n; b++) {
            double[] zb = z[b];
            if (bias == null) {
                Arrays.fill(zb, 0, out, 0.0);
            } else {
                System.arraycopy(bias, 0, zb, 0, out);
            }
            accumulateRows(zb, out, w, support.idx[b], a[b], support.count[b]);
        }
    }

    /**
     * {@code g[k] = Σ_b a[b][k]·d[b]} for k &lt; in (g = aᵀd), where {@code support} holds the non-zeros of the
     * n×in matrix a; {@code d} is n×out and {@code g} is in×out (overwritten).
     */
    static void transposeTimes(double[][] a, Support support, int n, int in, double[][] d, int out, double[][] g,
                               ColumnSupport columns, double[] column) {
        if (out == 1) {
            Arrays.fill(column, 0, in, 0.0);
            for (int b = 0; b < n; b++) {
                double db = d[b][0];
                double[] ab = a[b];
                for (int k = 0; k < in; k++) {
                    column[k] += db * ab[k];
                }
            }
            for (int k = 0; k < in; k++) {
                g[k][0] = column[k];
            }
            return;
        }
        columns.transpose(support, n, in);
        for (int k = 0; k < in; k++) {
            double[] gk = g[k];
            Arrays.fill(gk, 0, out, 0.0);
            accumulateColumn(gk, out, d, columns.rows[k], a, k, columns.count[k]);
        }
    }

    /**
     * The delta of a ReLU layer, {@code p = (d·wᵀ) ⊙ [a > 0]}: {@code d} is the n×out delta of the layer above,
     * {@code w} its in×out weights, {@code wt} scratch for their out×in transpose, {@code active} the non-zeros of
     * the layer's n×in ReLU outputs, {@code p} the n×in result; {@code deltaSupport} and
     * {@code scratch} (length ≥ max(in, out)) are scratch.
     */
    static void backReLU(double[][] d, int n, int out, double[][] w, double[][] wt, int in, Support active,
                         double[][] p, Support deltaSupport, double[] scratch) {
        if (out == 1) {
            columnOf(w, in, scratch);
            for (int b = 0; b < n; b++) {
                double db = d[b][0];
                double[] pb = p[b];
                int[] ib = active.idx[b];
                Arrays.fill(pb, 0, in, 0.0);
                for (int t = 0, c = active.count[b]; t < c; t++) {
                    int k = ib[t];
                    pb[k] = db * scratch[k];
                }
            }
            return;
        }
        transpose(w, in, out, wt);
        deltaSupport.scan(d, n, out);
        affine(d, n, out, wt, null, in, p, deltaSupport, scratch);
        for (int b = 0; b < n; b++) {
            double[] pb = p[b];
            int[] ib = active.idx[b];
            int c = active.count[b];
            for (int t = 0; t < c; t++) {
                scratch[t] = pb[ib[t]];
            }
            Arrays.fill(pb, 0, in, 0.0);
            for (int t = 0; t < c; t++) {
                pb[ib[t]] = scratch[t];
            }
        }
    }

    /** {@code target += Σ_t coef[idx[t]]·rows[idx[t]]} over the first {@code count} entries, four rows per pass. */
    private static void accumulateRows(double[] target, int len, double[][] rows, int[] idx, double[] coef, int count) {
        int t = 0;
        for (; t + 3 < count; t += 4) {
            int i0 = idx[t];
            int i1 = idx[t + 1];
            int i2 = idx[t + 2];
            int i3 = idx[t + 3];
            combine(target, len, coef[i0], rows[i0], coef[i1], rows[i1], coef[i2], rows[i2], coef[i3], rows[i3]);
        }
        for (; t < count; t++) {
            int i0 = idx[t];
            axpy(target, len, coef[i0], rows[i0]);
        }
    }

    /** {@code target += Σ_t coef[idx[t]][k]·rows[idx[t]]} over the first {@code count} entries. */
    private static void accumulateColumn(double[] target, int len, double[][] rows, int[] idx, double[][] coef, int k,
                                         int count) {
        int t = 0;
        for (; t + 3 < count; t += 4) {
            int i0 = idx[t];
            int i1 = idx[t + 1];
            int i2 = idx[t + 2];
            int i3 = idx[t + 3];
            combine(target, len, coef[i0][k], rows[i0], coef[i1][k], rows[i1], coef[i2][k], rows[i2], coef[i3][k],
                    rows[i3]);
        }
        for (; t < count; t++) {
            int i0 = idx[t];
            axpy(target, len, coef[i0][k], rows[i0]);
        }
    }

    private static void combine(double[] target, int len, double v0, double[] r0, double v1, double[] r1, double v2,
                                double[] r2, double v3, double[] r3) {
        for (int j = 0; j < len; j++) {
            target[j] += v0 * r0[j] + v1 * r1[j] + v2 * r2[j] + v3 * r3[j];
        }
    }

    private static void axpy(double[] target, int len, double v0, double[] r0) {
        for (int j = 0; j < len; j++) {
            target[j] += v0 * r0[j];
        }
    }

    private static void columnOf(double[][] w, int in, double[] column) {
        for (int k = 0; k < in; k++) {
            column[k] = w[k][0];
        }
    }

    /** {@code t[j][k] = m[k][j]}: {@code m} is rows×cols, {@code t} is cols×rows. */
    static void transpose(double[][] m, int rows, int cols, double[][] t) {
        for (int k = 0; k < rows; k++) {
            double[] mk = m[k];
            for (int j = 0; j < cols; j++) {
                t[j][k] = mk[j];
            }
        }
    }
}
