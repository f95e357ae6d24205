package org.sbi4j.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products on {@link Mat} views through the OpenBLAS library that ND4J's CPU backend ships and uses
 * itself. Calling {@code cblas_?gemm} directly costs ~20 µs for a 200×50·50×58 product on this machine
 * against ~45 µs for {@code Nd4j.gemm}, whose op construction dominates at these sizes; and it allocates
 * nothing. All matrices are row-major; leading dimensions are the views' column counts.
 */
public final class Blas {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private Blas() {
    }

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C} on the leading rows/columns.
     *
     * @param transA whether op(A) = Aᵀ
     * @param transB whether op(B) = Bᵀ
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha scale of the product
     * @param a matrix A (stored k×m when transposed, else m×k)
     * @param b matrix B (stored n×k when transposed, else k×n)
     * @param beta scale of the previous C (0 overwrites)
     * @param c result, m×n
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Mat a, Mat b,
                            double beta, Mat c) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(c, m, n, beta);
            return;
        }
        if (a.precision() != c.precision() || b.precision() != c.precision()) {
            throw new IllegalArgumentException("mixed precisions in gemm");
        }
        if (c.precision() == Precision.FLOAT32) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
                    m, n, k, (float) alpha, (FloatPointer) a.pointer(), a.cols(), (FloatPointer) b.pointer(),
                    b.cols(), (float) beta, (FloatPointer) c.pointer(), c.cols());
        } else {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
                    m, n, k, alpha, (DoublePointer) a.pointer(), a.cols(), (DoublePointer) b.pointer(),
                    b.cols(), beta, (DoublePointer) c.pointer(), c.cols());
        }
    }

    private static void scale(Mat c, int m, int n, double beta) {
        Buffer buf = c.buffer();
        for (int r = 0; r < m; r++) {
            int base = c.index(r, 0);
            for (int j = 0; j < n; j++) {
                buf.set(base + j, beta == 0.0 ? 0.0 : beta * buf.get(base + j));
            }
        }
    }
}
