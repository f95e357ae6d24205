package org.sbi4j.nn;

/** Small row-wise helpers on {@link Mat} views used by the layers. */
final class Mats {

    private Mats() {
    }

    /** {@code dst[:, 0..cols) += src[:, 0..cols)} over n rows. */
    static void addInto(Mat dst, Mat src, int n) {
        Buffer d = dst.buffer();
        Buffer s = src.buffer();
        int cols = src.cols();
        for (int r = 0; r < n; r++) {
            int di = dst.index(r, 0);
            int si = src.index(r, 0);
            for (int c = 0; c < cols; c++) {
                d.set(di + c, d.get(di + c) + s.get(si + c));
            }
        }
    }

    /** Rows of equal width packed row-major into one array. */
    static double[] flatten(double[][] rows, int width) {
        double[] flat = new double[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected "
                        + width);
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return flat;
    }
}
