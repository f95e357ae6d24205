package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * Tests of Accuracy with Random Points (TARP; Lemos et al. 2023, "Sampling-based accuracy testing of posterior
 * estimators for general inference", arXiv:2302.03026).
 *
 * <ol>
 *   <li>θ* and the posterior draws are standardised per parameter by the mean and standard deviation (n−1) of the
 *       N true parameters θ* (a zero spread is replaced by 1);</li>
 *   <li>one reference point rᵢ per observation is drawn uniformly in the bounding box of the standardised θ*
 *       (stream {@code ("tarp-reference", 0)} of the seed);</li>
 *   <li>fᵢ = kᵢ/L with kᵢ = #{l : |θˡᵢ − rᵢ| &lt; |θ*ᵢ − rᵢ|} (Euclidean); under calibration kᵢ is uniform on
 *       {0, …, L} (the box depends on all θ* at once, a negligible dependence for N in the hundreds);</li>
 *   <li>ECP(α) = mean over i of 1[fᵢ &lt; α] on a grid of α from 0 to 1; a calibrated posterior gives the
 *       diagonal ECP(α) ≈ α.</li>
 * </ol>
 * The area to curve (ATC) follows the sbi package: ∫ (ECP(α) − α) dα over α ∈ [0.5, 1] (trapezoid rule on the
 * grid); negative suggests an over-confident posterior, positive an under-confident one. The KS p-value tests the
 * kᵢ against the discrete uniform (jitter-free, conservative; see {@code UniformRankTest}).
 *
 * <p>Verdict: calibrated when the KS p-value is at least α. Otherwise the tails of the kᵢ decide, not the sign of
 * the ATC: too many kᵢ in the lowest and highest 10% of {0, …, L} (θ* outside the sample cloud, so closer to or
 * farther from the reference than every draw) = {@link CalibrationVerdict#OVER_CONFIDENT}, too few =
 * {@link CalibrationVerdict#UNDER_CONFIDENT}. A biased posterior also puts θ* outside the cloud and reads as
 * over-confident; its ATC can have either sign (measured on the conjugate Gaussian test model: a mean shift of
 * one posterior s.d. gives ATC ≈ +0.01, because the references, uniform in the box, are on average nearer the
 * centre than the shifted cloud). Use {@link Sbc} to tell bias from over-confidence. Instances are immutable.
 */
public final class Tarp {
    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** Default number of grid points of α (0, 0.01, …, 1). */
    public static final int DEFAULT_GRID_POINTS = 101;
    /** Stream of the reference points. */
    public static final String REFERENCE_STREAM = "tarp-reference";

    private final double alpha;
    private final int gridPoints;

    private Tarp(double alpha, int gridPoints) {
        this.alpha = alpha;
        this.gridPoints = gridPoints;
    }

    /** α = 0.01, a grid of 101 points. */
    public static Tarp defaults() {
        return new Tarp(DEFAULT_ALPHA, DEFAULT_GRID_POINTS);
    }

    /**
     * @param level the significance level of the verdict, in (0, 1)
     * @return a copy with that level
     */
    public Tarp withAlpha(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("alpha = " + level + " is invalid; it must be in (0, 1), e.g. 0.01");
        }
        return new Tarp(level, gridPoints);
    }

    /**
     * @param points the number of evenly spaced grid points of α in [0, 1], odd (so that 0.5 is on the grid), ≥ 3
     * @return a copy with that grid
     */
    public Tarp withGridPoints(int points) {
        if (points < 3 || points % 2 == 0) {
            throw new IllegalArgumentException("grid points = " + points + " is invalid; use an odd number >= 3, "
                    + "e.g. 101");
        }
        return new Tarp(alpha, points);
    }

    /**
     * Runs TARP.
     *
     * @param sample the calibration sample
     * @param seed the seed of the reference points
     * @return the ECP curve, ATC, KS p-value and verdict
     */
    public TarpResult analyze(CalibrationSample sample, long seed) {
        requireNonNull(sample, "sample is null");
        int n = sample.size();
        int d = sample.dimension();
        int draws = sample.draws();
        double[][] truth = sample.thetaTrue();

        double[] mean = new double[d];
        double[] scale = new double[d];
        C2st.referenceMoments(truth, mean, scale);
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : truth) {
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }

        UniformRandomProvider rng = Seeds.random(seed, REFERENCE_STREAM, 0);
        double[] reference = new double[d];
        double[] inverseScale = new double[d];
        for (int j = 0; j < d; j++) {
            inverseScale[j] = 1.0 / scale[j];
        }
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            // a uniform point in the standardised box, mapped back to parameter space
            for (int j = 0; j < d; j++) {
                reference[j] = lo[j] + (hi[j] - lo[j]) * rng.nextDouble();
            }
            double truthDistance = distance(truth[i], reference, inverseScale);
            int count = 0;
            for (double[] row : sample.posteriorSamples()[i]) {
                if (distance(row, reference, inverseScale) < truthDistance) {
                    count++;
                }
            }
            counts[i] = count;
        }

        double[] grid = new double[gridPoints];
        double[] ecp = new double[gridPoints];
        double[] fractions = new double[n];
        for (int i = 0; i < n; i++) {
            fractions[i] = (double) counts[i] / draws;
        }
        for (int k = 0; k < gridPoints; k++) {
            grid[k] = (double) k / (gridPoints - 1);
            double threshold = grid[k] * draws;
            int below = 0;
            for (int c : counts) {
                if (c < threshold) {
                    below++;
                }
            }
            ecp[k] = (double) below / n;
        }
        double atc = 0.0;
        for (int k = (gridPoints - 1) / 2; k < gridPoints - 1; k++) {
            double left = ecp[k] - grid[k];
            double right = ecp[k + 1] - grid[k + 1];
            atc += 0.5 * (left + right) * (grid[k + 1] - grid[k]);
        }
        long[] histogram = new long[draws + 1];
        for (int c : counts) {
            histogram[c]++;
        }
        double ks = UniformRankTest.ksStatistic(histogram, n);
        double ksP = UniformRankTest.kolmogorovPValue(ks, n);
        UniformRankTest.TailShape tails = UniformRankTest.TailShape.of(counts, draws, Sbc.TAIL_FRACTION);
        CalibrationVerdict verdict = ksP >= alpha ? CalibrationVerdict.CALIBRATED
                : tails.zShape() > 0 ? CalibrationVerdict.OVER_CONFIDENT : CalibrationVerdict.UNDER_CONFIDENT;
        return new TarpResult(grid, ecp, atc, ks, ksP, fractions, verdict, sentence(verdict, atc, ksP));
    }

    /** Squared Euclidean distance in standardised coordinates (the shift by the mean cancels). */
    private static double distance(double[] x, double[] reference, double[] inverseScale) {
        double sum = 0.0;
        for (int j = 0; j < x.length; j++) {
            double v = (x[j] - reference[j]) * inverseScale[j];
            sum += v * v;
        }
        return sum;
    }

    private static String sentence(CalibrationVerdict verdict, double atc, double ksP) {
        String numbers = String.format(Locale.ROOT, "ATC = %+.3f, ", atc) + UniformRankTest.pValue("KS", ksP);
        return switch (verdict) {
            case CALIBRATED -> "TARP: calibrated (" + numbers + ")";
            case OVER_CONFIDENT -> "TARP: over-confident or biased (true parameters lie outside the cloud of "
                    + "posterior samples too often; " + numbers + ")";
            default -> "TARP: under-confident (true parameters lie in the middle of the cloud of posterior samples "
                    + "too often; " + numbers + ")";
        };
    }
}
