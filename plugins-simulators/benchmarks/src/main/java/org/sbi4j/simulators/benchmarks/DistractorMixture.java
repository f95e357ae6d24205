package org.sbi4j.simulators.benchmarks;

import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;

/**
 * The distractor distribution of {@code slcp-distractors} (TASKS.md §5): an equal-weight mixture of 20
 * multivariate Student-t distributions in 92 dimensions with ν = 2, locations μ_c and lower-triangular scale
 * factors L_c read once from the jar's resources. Immutable and thread-safe.
 */
final class DistractorMixture {
    /** Dimension of a distractor vector. */
    static final int DIMENSION = 92;
    private static final int COMPONENTS = 20;
    private static final double NU = 2;
    private static final String FOLDER = "sbibm/slcp_distractors/";

    private final double[][] location;
    /** Lower triangles, packed row by row: row r holds columns 0..r at offset r(r+1)/2. */
    private final double[][] scale;
    private final double[] logDensityConstant;

    /** Reads the constants from the jar. */
    DistractorMixture() {
        CsvTable loc = CsvTable.readResource(FOLDER + "noise_gmm_loc.csv");
        CsvTable tril = CsvTable.readResource(FOLDER + "noise_gmm_scale_tril.csv");
        if (loc.rowCount() != COMPONENTS || loc.header().size() != DIMENSION
                || tril.rowCount() != COMPONENTS * DIMENSION || tril.header().size() != DIMENSION + 2) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "slcp-distractors: the distractor constants in the jar "
                    + "have the wrong shape");
        }
        location = new double[COMPONENTS][];
        for (int c = 0; c < COMPONENTS; c++) {
            location[c] = loc.rows()[c].clone();
        }
        scale = new double[COMPONENTS][DIMENSION * (DIMENSION + 1) / 2];
        for (double[] row : tril.rows()) {
            int c = (int) row[0] - 1;
            int r = (int) row[1] - 1;
            System.arraycopy(row, 2, scale[c], r * (r + 1) / 2, r + 1);
        }
        logDensityConstant = new double[COMPONENTS];
        double common = Gamma.logGamma((NU + DIMENSION) / 2) - Gamma.logGamma(NU / 2)
                - DIMENSION / 2.0 * Math.log(NU * Math.PI) - Math.log(COMPONENTS);
        for (int c = 0; c < COMPONENTS; c++) {
            double logDet = 0;
            for (int r = 0; r < DIMENSION; r++) {
                logDet += Math.log(Math.abs(scale[c][r * (r + 1) / 2 + r]));
            }
            logDensityConstant[c] = common - logDet;
        }
    }

    /**
     * Writes one draw n = μ_c + L_c·z / √(w/2), w ~ χ²(2), cast to float32 like sbibm, into
     * {@code out[offset..offset+91]}.
     *
     * @param rng picks the component
     * @param normal standard normals z
     * @param exponential standard exponentials (w/2 ~ Exp(1) for w ~ χ²(2))
     * @param z scratch of length 92
     * @param out destination
     * @param offset first index written
     */
    void sample(UniformRandomProvider rng, NormalizedGaussianSampler normal, ContinuousSampler exponential,
                double[] z, double[] out, int offset) {
        int c = rng.nextInt(COMPONENTS);
        double[] l = scale[c];
        double[] mu = location[c];
        for (int k = 0; k < DIMENSION; k++) {
            z[k] = normal.sample();
        }
        double factor = 1 / Math.sqrt(exponential.sample() * 2 / NU);
        int start = 0;
        for (int r = 0; r < DIMENSION; r++) {
            double sum = 0;
            for (int k = 0; k <= r; k++) {
                sum += l[start + k] * z[k];
            }
            out[offset + r] = (float) (mu[r] + factor * sum);
            start += r + 1;
        }
    }

    /**
     * Log density of the mixture at {@code n}.
     *
     * @param n a 92-vector
     * @return log q(n)
     */
    double logDensity(double[] n) {
        double[] y = new double[DIMENSION];
        double[] logTerms = new double[COMPONENTS];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < COMPONENTS; c++) {
            double[] l = scale[c];
            double[] mu = location[c];
            double squaredNorm = 0;
            int start = 0;
            for (int r = 0; r < DIMENSION; r++) {
                double sum = n[r] - mu[r];
                for (int k = 0; k < r; k++) {
                    sum -= l[start + k] * y[k];
                }
                y[r] = sum / l[start + r];
                squaredNorm += y[r] * y[r];
                start += r + 1;
            }
            logTerms[c] = logDensityConstant[c] - (NU + DIMENSION) / 2 * Math.log1p(squaredNorm / NU);
            max = Math.max(max, logTerms[c]);
        }
        double sum = 0;
        for (double t : logTerms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }
}
