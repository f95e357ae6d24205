package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A trainable Gaussian-mixture base distribution (softmax weights, free means, Cholesky or diagonal scales
 * with a softplus diagonal): with as many components as the target has modes it removes the "probability
 * bridges" a unimodal base leaves between modes (a continuous bijection cannot map a connected base onto
 * separated modes; Cornish et al. 2020, "Relaxing Bijectivity Constraints with Continuously Indexed
 * Normalising Flows"). Initialised with equal weights, unit scales and means drawn from N(0, I) (seeded);
 * {@link #setComponents} sets them, e.g. from an EM fit.
 */
public final class GaussianMixtureBase implements BaseDistribution {

    private final int dim;
    private final GaussianMixtureKernel kernel;
    private final Param raw;
    private Buffer scratch;

    /**
     * Registers the mixture's parameters.
     *
     * @param params parameter registry
     * @param name unique prefix
     * @param components K
     * @param dim d
     * @param fullCovariance full Cholesky factors, else diagonal
     */
    public GaussianMixtureBase(ParameterSet.Builder params, String name, int components, int dim,
                               boolean fullCovariance) {
        this.dim = dim;
        this.kernel = new GaussianMixtureKernel(components, dim, fullCovariance);
        int count = kernel.parameterCount();
        int means = kernel.meansOffset();
        int diag = kernel.diagonalOffset();
        double unit = GaussianMixtureKernel.rawDiagonal(1.0);
        this.raw = params.add(name + "/mixture", 1, count, (value, rng) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < count; i++) {
                double v = 0;
                if (i >= means && i < diag) {
                    v = gauss.sample();
                } else if (i >= diag && i < diag + components * dim) {
                    v = unit;
                }
                value.set(0, i, v);
            }
        });
    }

    /** Number of components. */
    public int components() {
        return kernel.components();
    }

    /**
     * Sets weights, means and diagonal scales (off-diagonal Cholesky entries to 0).
     *
     * @param weights K positive weights (normalised here)
     * @param means K rows of d means
     * @param scales K rows of d standard deviations
     */
    public void setComponents(double[] weights, double[][] means, double[][] scales) {
        Mat v = raw.value();
        int k = kernel.components();
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int i = 0; i < kernel.parameterCount(); i++) {
            v.set(0, i, 0.0);
        }
        for (int c = 0; c < k; c++) {
            v.set(0, c, Math.log(weights[c] / total));
            for (int i = 0; i < dim; i++) {
                v.set(0, kernel.meansOffset() + c * dim + i, means[c][i]);
                v.set(0, kernel.diagonalOffset() + c * dim + i, GaussianMixtureKernel.rawDiagonal(scales[c][i]));
            }
        }
    }

    /**
     * Sets weights, means and Cholesky factors of the covariances, e.g. from a weighted EM fit. With a
     * diagonal base only the diagonal of each factor is used.
     *
     * @param weights K positive weights (normalised here)
     * @param means K rows of d means
     * @param cholesky K lower-triangular d × d factors L_k with positive diagonals (covariance L_k L_kᵀ)
     */
    public void setComponents(double[] weights, double[][] means, double[][][] cholesky) {
        int k = kernel.components();
        double[][] scales = new double[k][dim];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < dim; i++) {
                scales[c][i] = cholesky[c][i][i];
            }
        }
        setComponents(weights, means, scales);
        if (kernel.fullCovariance()) {
            Mat v = raw.value();
            for (int c = 0; c < k; c++) {
                int lower = kernel.lowerOffset() + c * dim * (dim - 1) / 2;
                for (int i = 1; i < dim; i++) {
                    for (int j = 0; j < i; j++) {
                        v.set(0, lower + i * (i - 1) / 2 + j, cholesky[c][i][j]);
                    }
                }
            }
        }
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void ensureCapacity(int n) {
    }

    @Override
    public void logDensity(Mat z, int n, double[] out) {
        Buffer p = raw.value().buffer();
        int po = raw.value().offset();
        for (int r = 0; r < n; r++) {
            out[r] = kernel.logDensity(p, po, z.buffer(), z.index(r, 0));
        }
    }

    @Override
    public void backward(Mat z, int n, double[] gradLogDensity, Mat gradZ) {
        Buffer p = raw.value().buffer();
        int po = raw.value().offset();
        for (int r = 0; r < n; r++) {
            kernel.backward(p, po, z.buffer(), z.index(r, 0), gradLogDensity[r], raw.grad().buffer(),
                    raw.grad().offset(), true, gradZ.buffer(), gradZ.index(r, 0));
        }
    }

    @Override
    public void backwardInputs(Mat z, int n, double[] gradLogDensity, Mat gradZ) {
        Buffer p = raw.value().buffer();
        int po = raw.value().offset();
        if (scratch == null) {
            scratch = Mat.zeros(Precision.FLOAT64, 1, kernel.parameterCount()).buffer();
        }
        for (int r = 0; r < n; r++) {
            // the parameter gradient goes to a scratch row, written afresh each time
            kernel.backward(p, po, z.buffer(), z.index(r, 0), gradLogDensity[r], scratch, 0, false, gradZ.buffer(),
                    gradZ.index(r, 0));
        }
    }

    @Override
    public void sample(int n, UniformRandomProvider rng, Mat out) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        Buffer p = raw.value().buffer();
        int po = raw.value().offset();
        for (int r = 0; r < n; r++) {
            kernel.sample(p, po, rng, gauss, out.buffer(), out.index(r, 0));
        }
    }
}
