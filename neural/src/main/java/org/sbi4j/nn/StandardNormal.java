package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** The standard normal N(0, I) base. */
public final class StandardNormal implements BaseDistribution {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final int dim;

    /** N(0, I) in {@code dim} dimensions. */
    public StandardNormal(int dim) {
        this.dim = dim;
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
        Buffer b = z.buffer();
        for (int r = 0; r < n; r++) {
            int base = z.index(r, 0);
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double v = b.get(base + d);
                s += v * v;
            }
            out[r] = -0.5 * (s + dim * LOG_2PI);
        }
    }

    @Override
    public void backward(Mat z, int n, double[] gradLogDensity, Mat gradZ) {
        Buffer b = z.buffer();
        Buffer g = gradZ.buffer();
        for (int r = 0; r < n; r++) {
            int base = z.index(r, 0);
            int gb = gradZ.index(r, 0);
            for (int d = 0; d < dim; d++) {
                g.set(gb + d, -gradLogDensity[r] * b.get(base + d));
            }
        }
    }

    @Override
    public void sample(int n, UniformRandomProvider rng, Mat out) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        Buffer b = out.buffer();
        for (int r = 0; r < n; r++) {
            int base = out.index(r, 0);
            for (int d = 0; d < dim; d++) {
                b.set(base + d, gauss.sample());
            }
        }
    }
}
