package org.sbi4j.estimators.abc;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;

/**
 * A Gaussian kernel density estimate on a few points, truncated to the prior support by redrawing. With
 * {@link KdeBandwidth#SCOTT} or {@link KdeBandwidth#SILVERMAN} the kernel covariance is the points' sample
 * covariance times the squared bandwidth factor (as scipy's {@code gaussian_kde}); singular directions (e.g. all
 * points equal in a parameter) get no kernel noise. With {@link KdeBandwidth#CV} it is h²·I, h from
 * {@link CrossValidatedBandwidth} (0, i.e. no noise, for a single point or identical points).
 */
final class GaussianKde {
    /** Average number of draws allowed per accepted sample before giving up on the prior support. */
    static final int MAX_ATTEMPTS_PER_SAMPLE = 1000;

    private final double[] points;
    private final int count;
    private final int dimension;
    private final double[] cholesky;

    /**
     * @param points {@code count × dimension} centres, row-major (owned by the KDE)
     * @param count number of centres, at least 1
     * @param dimension their dimension
     * @param bandwidth the bandwidth rule
     */
    GaussianKde(double[] points, int count, int dimension, KdeBandwidth bandwidth) {
        this.points = points;
        this.count = count;
        this.dimension = dimension;
        if (bandwidth == KdeBandwidth.CV) {
            this.cholesky = isotropicCholesky(points, count, dimension);
            return;
        }
        double factor = bandwidth.factor(count, dimension);
        double[] covariance = covariance(points, count, dimension);
        for (int i = 0; i < covariance.length; i++) {
            covariance[i] *= factor * factor;
        }
        this.cholesky = semidefiniteCholesky(covariance, dimension);
    }

    /**
     * Fills {@code out} with draws that lie in the prior support.
     *
     * @param out rows to fill, each of length {@code dimension}
     * @param prior decides the support
     * @param rng the only source of randomness
     * @throws SbiException when no centre lies in the support, or too many draws fall outside it
     */
    void sample(double[][] out, Prior prior, UniformRandomProvider rng) {
        if (out.length == 0) {
            return;
        }
        checkSomeCentreInSupport(prior);
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[dimension];
        long budget = (long) MAX_ATTEMPTS_PER_SAMPLE * out.length;
        long attempts = 0;
        for (int r = 0; r < out.length; r++) {
            double[] row = out[r];
            do {
                if (attempts++ == budget) {
                    throw SbiException.userError("rejection-abc: only " + r + " of " + out.length + " KDE draws "
                            + "fell inside the prior support in " + budget + " attempts; the kept simulations lie at "
                            + "the edge of the support, so set kde: false to resample them instead");
                }
                int centre = rng.nextInt(count) * dimension;
                for (int k = 0; k < dimension; k++) {
                    z[k] = normal.sample();
                }
                for (int i = 0; i < dimension; i++) {
                    double v = points[centre + i];
                    int rowOffset = i * dimension;
                    for (int k = 0; k <= i; k++) {
                        v += cholesky[rowOffset + k] * z[k];
                    }
                    row[i] = v;
                }
            } while (!prior.inSupport(row));
        }
    }

    private static double[] isotropicCholesky(double[] points, int count, int dimension) {
        double[] l = new double[dimension * dimension];
        double h = CrossValidatedBandwidth.select(points, count, dimension);
        for (int i = 0; i < dimension; i++) {
            l[i * dimension + i] = h;
        }
        return l;
    }

    /** The kernel's lower-triangular Cholesky factor, row-major. */
    double[] kernelCholesky() {
        return cholesky.clone();
    }

    private void checkSomeCentreInSupport(Prior prior) {
        double[] centre = new double[dimension];
        for (int c = 0; c < count; c++) {
            System.arraycopy(points, c * dimension, centre, 0, dimension);
            if (prior.inSupport(centre)) {
                return;
            }
        }
        throw SbiException.userError("rejection-abc: none of the " + count + " kept simulations has parameters "
                + "inside the prior support, so the KDE cannot be truncated to it; the simulation bank was not "
                + "drawn from this prior");
    }

    /** Sample covariance with denominator count − 1 (zero for a single point), row-major. */
    static double[] covariance(double[] points, int count, int dimension) {
        double[] mean = new double[dimension];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < dimension; i++) {
                mean[i] += points[c * dimension + i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            mean[i] /= count;
        }
        double[] covariance = new double[dimension * dimension];
        if (count < 2) {
            return covariance;
        }
        double[] centred = new double[dimension];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < dimension; i++) {
                centred[i] = points[c * dimension + i] - mean[i];
            }
            for (int i = 0; i < dimension; i++) {
                for (int k = 0; k <= i; k++) {
                    covariance[i * dimension + k] += centred[i] * centred[k];
                }
            }
        }
        for (int i = 0; i < dimension; i++) {
            for (int k = 0; k <= i; k++) {
                double v = covariance[i * dimension + k] / (count - 1);
                covariance[i * dimension + k] = v;
                covariance[k * dimension + i] = v;
            }
        }
        return covariance;
    }

    /**
     * Lower-triangular L with L·Lᵀ = A for a symmetric positive semidefinite A; a pivot that is zero up to
     * rounding gets a zero column.
     */
    static double[] semidefiniteCholesky(double[] a, int n) {
        double maxDiagonal = 0;
        for (int i = 0; i < n; i++) {
            maxDiagonal = Math.max(maxDiagonal, a[i * n + i]);
        }
        double tolerance = 1e-12 * maxDiagonal;
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double pivot = a[j * n + j];
            for (int k = 0; k < j; k++) {
                pivot -= l[j * n + k] * l[j * n + k];
            }
            if (!(pivot > tolerance)) {
                continue;
            }
            double diagonal = Math.sqrt(pivot);
            l[j * n + j] = diagonal;
            for (int i = j + 1; i < n; i++) {
                double v = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    v -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = v / diagonal;
            }
        }
        return l;
    }
}
