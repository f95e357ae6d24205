package org.sbi4j.samplers.mcmc;

/** Small dense linear algebra. */
final class Linear {

    private Linear() {
    }

    /**
     * The lower Cholesky factor of a symmetric positive definite matrix.
     *
     * @param a {@code d × d}
     * @return L with L L' = a, or {@code null} when a is not positive definite
     */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
