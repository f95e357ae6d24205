package org.sbi4j.simulators.mixtures;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.Gaussian;

/**
 * A mixture of shifted Gaussians (one of the {@link MixturesPlugin} tasks): pick a mode k uniformly from K
 * offsets oₖ and emit x = θ − oₖ + s·ε with ε ~ N(0, I), so p(x | θ) = (1/K) Σₖ N(x; θ − oₖ, s²I). Under the box prior
 * U(−B, B)^d the posterior is the K-mode mixture of N(x₀ + oₖ, s²I) truncated to the box
 * ({@link OffsetMixturePosterior}): exact draws and an exact normalised density for any observation.
 *
 * <p>{@link #ring} builds the 2-D {@code ring-of-modes} task, {@link #cubeCorners} the 3-D
 * {@code cube-corners} task.
 */
public final class OffsetMixtureSimulator extends BoxPriorTask<OffsetMixturePosterior> {
    /** The most corners {@link #cubeCornerOffsets} can give. */
    public static final int CUBE_CORNERS = 8;

    private final double[][] offsets;
    private final double logComponentNormaliser;

    /**
     * @param task the task name, used in messages
     * @param offsets the mode offsets oₖ, one row per mode, all of one length d ≥ 1, finite
     * @param sd the mode standard deviation s, positive
     * @param bound the prior half-width B, positive
     */
    public OffsetMixtureSimulator(String task, double[][] offsets, double sd, double bound) {
        super(task, checkedDimension(task, offsets), sd, bound);
        this.offsets = new double[offsets.length][];
        for (int k = 0; k < offsets.length; k++) {
            this.offsets[k] = offsets[k].clone();
        }
        this.logComponentNormaliser = Math.log(offsets.length) + dimension * (Math.log(sd) + Gaussian.LOG_SQRT_2PI);
    }

    /** The common length d of the offsets, after checking them (before sd and bound are checked). */
    private static int checkedDimension(String task, double[][] offsets) {
        if (offsets == null || offsets.length == 0 || offsets[0].length == 0) {
            throw new IllegalArgumentException(task + ": give at least one offset of length at least 1");
        }
        int dimension = offsets[0].length;
        for (int k = 0; k < offsets.length; k++) {
            Names.checkLength(offsets[k], dimension, "offset " + k, task);
            for (double o : offsets[k]) {
                if (!Double.isFinite(o)) {
                    throw new IllegalArgumentException(task + ": offset " + k + " has a non-finite entry " + o);
                }
            }
        }
        return dimension;
    }

    /**
     * The {@code ring-of-modes} task: K offsets r(cos 2πk/K, sin 2πk/K), k = 0..K−1.
     *
     * @param modes K, at least 1
     * @param radius r, at least 0
     * @param sd s, positive
     * @param bound B of the prior U(−B, B)², positive
     * @return the simulator
     */
    public static OffsetMixtureSimulator ring(int modes, double radius, double sd, double bound) {
        return new OffsetMixtureSimulator("ring-of-modes", ringOffsets(modes, radius), sd, bound);
    }

    /**
     * The {@code cube-corners} task: the first K corners of the cube (±a, ±a, ±a) in
     * {@link #cubeCornerOffsets binary order}.
     *
     * @param modes K, 1 to 8
     * @param halfSide a, positive
     * @param sd s, positive
     * @param bound B of the prior U(−B, B)³, positive
     * @return the simulator
     */
    public static OffsetMixtureSimulator cubeCorners(int modes, double halfSide, double sd, double bound) {
        return new OffsetMixtureSimulator("cube-corners", cubeCornerOffsets(modes, halfSide), sd, bound);
    }

    /**
     * K points evenly spaced on a circle: oₖ = r(cos 2πk/K, sin 2πk/K), k = 0..K−1.
     *
     * @param modes K, at least 1
     * @param radius r, at least 0
     * @return K rows of length 2
     */
    public static double[][] ringOffsets(int modes, double radius) {
        if (modes < 1) {
            throw new IllegalArgumentException("ring-of-modes: modes = " + modes + " must be at least 1");
        }
        if (!(radius >= 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("ring-of-modes: radius = " + radius + " must be finite and >= 0");
        }
        double[][] out = new double[modes][2];
        for (int k = 0; k < modes; k++) {
            double angle = 2 * Math.PI * k / modes;
            out[k][0] = radius * Math.cos(angle);
            out[k][1] = radius * Math.sin(angle);
        }
        return out;
    }

    /**
     * The first K corners of the cube [−a, a]³ in binary order: coordinate j of corner k is −a when bit j
     * of k is set and +a otherwise. So K = 1 is (a, a, a); K = 2 adds (−a, a, a) (two modes along θ₁);
     * K = 4 is the square face θ₃ = a; K = 8 is the whole cube.
     *
     * @param modes K, 1 to 8
     * @param halfSide a, positive
     * @return K rows of length 3
     */
    public static double[][] cubeCornerOffsets(int modes, double halfSide) {
        if (modes < 1 || modes > CUBE_CORNERS) {
            throw new IllegalArgumentException("cube-corners: modes = " + modes + " must be between 1 and 8");
        }
        if (!(halfSide > 0) || !Double.isFinite(halfSide)) {
            throw new IllegalArgumentException("cube-corners: half-side = " + halfSide
                    + " must be positive and finite");
        }
        double[][] out = new double[modes][3];
        for (int k = 0; k < modes; k++) {
            for (int j = 0; j < 3; j++) {
                out[k][j] = ((k >> j) & 1) == 1 ? -halfSide : halfSide;
            }
        }
        return out;
    }

    /** The mode offsets oₖ, one row per mode (a fresh copy). */
    public double[][] offsets() {
        double[][] copy = new double[offsets.length][];
        for (int k = 0; k < offsets.length; k++) {
            copy[k] = offsets[k].clone();
        }
        return copy;
    }

    /** The number of modes K. */
    public int modes() {
        return offsets.length;
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int modes = offsets.length;
        double[][] x = new double[theta.length][dimension];
        for (int i = 0; i < theta.length; i++) {
            double[] t = theta[i];
            Names.checkLength(t, dimension, "θ row " + i, task);
            double[] offset = offsets[rng.nextInt(modes)];
            double[] row = x[i];
            for (int j = 0; j < dimension; j++) {
                row[j] = t[j] - offset[j] + sd * normal.sample();
            }
        }
        return SimulationResult.of(x);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        Names.checkLength(theta, dimension, "θ", task);
        Names.checkLength(x, dimension, "x", task);
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double[] offset : offsets) {
            double term = componentExponent(theta, x, offset);
            if (term > max) {
                sum = sum * Math.exp(max - term) + 1;
                max = term;
            } else {
                sum += Math.exp(term - max);
            }
        }
        return max + Math.log(sum) - logComponentNormaliser;
    }

    @Override
    public double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        double logLikelihood = logLikelihood(theta, x);
        Names.checkLength(gradient, dimension, "the gradient", task);
        Arrays.fill(gradient, 0);
        double shift = logLikelihood + logComponentNormaliser;
        double precision = 1 / (sd * sd);
        for (double[] offset : offsets) {
            double responsibility = Math.exp(componentExponent(theta, x, offset) - shift);
            for (int j = 0; j < dimension; j++) {
                gradient[j] += responsibility * (x[j] - theta[j] + offset[j]) * precision;
            }
        }
        return logLikelihood;
    }

    /** −|x − θ + o|² / (2s²). */
    private double componentExponent(double[] theta, double[] x, double[] offset) {
        double squares = 0;
        for (int j = 0; j < dimension; j++) {
            double z = (x[j] - theta[j] + offset[j]) / sd;
            squares += z * z;
        }
        return -0.5 * squares;
    }

    /**
     * The exact posterior for one observation under the default prior.
     *
     * @param observation x₀, finite, of length d
     * @return the prepared posterior
     */
    @Override
    public OffsetMixturePosterior posterior(double[] observation) {
        Names.checkObservation(observation, dimension, task);
        return new OffsetMixturePosterior(observation, offsets, sd, bound);
    }

    @Override
    public String toString() {
        return task + "(modes=" + offsets.length + ", sd=" + sd + ", bound=" + bound + ")";
    }
}
