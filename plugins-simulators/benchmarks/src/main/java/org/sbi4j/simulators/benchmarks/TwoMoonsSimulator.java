package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.BoxUniformPrior;

/**
 * sbibm's Two Moons task (TASKS.md §8): θ ∈ U(−1, 1)², a ~ U(−π/2, π/2), r ~ N(0.1, 0.01²),
 * x = (r cos a + 0.25, r sin a) + (−|θ₁ + θ₂|/√2, (−θ₁ + θ₂)/√2).
 *
 * <p>The likelihood is exact, including the factor 1/(π r) of the uniform angle and the polar Jacobian;
 * the posterior is sampled exactly by inverting the map for θ.
 */
public final class TwoMoonsSimulator extends BenchmarkTask implements Likelihood, AnalyticPosterior {
    private static final double RADIUS_MEAN = 0.1;
    private static final double RADIUS_SD = 0.01;
    private static final double SHIFT = 0.25;
    private static final double SQRT2 = Math.sqrt(2);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_PI = Math.log(Math.PI);
    private static final long MAX_ATTEMPTS_PER_DRAW = 10_000;

    /** The task without reference data. */
    public TwoMoonsSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder folder of the task's reference data ({@code .../two_moons}), or {@code null}
     */
    public TwoMoonsSimulator(Path referenceFolder) {
        super(numberedNames("parameter", 2), numberedNames("data", 2),
                BoxUniformPrior.cube(2, -1, 1).withNames(numberedNames("parameter", 2)), referenceFolder);
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[theta.length][2];
        for (int i = 0; i < theta.length; i++) {
            double[] t = theta[i];
            checkParameters(t);
            double a = Math.PI * (rng.nextDouble() - 0.5);
            double r = RADIUS_MEAN + RADIUS_SD * normal.sample();
            x[i][0] = r * Math.cos(a) + SHIFT - Math.abs(t[0] + t[1]) / SQRT2;
            x[i][1] = r * Math.sin(a) + (t[1] - t[0]) / SQRT2;
        }
        return SimulationResult.of(x);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        checkParameters(theta);
        checkData(x);
        double u = x[0] + Math.abs(theta[0] + theta[1]) / SQRT2 - SHIFT;
        double v = x[1] - (theta[1] - theta[0]) / SQRT2;
        if (!(u > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = Math.sqrt(u * u + v * v);
        double z = (r - RADIUS_MEAN) / RADIUS_SD;
        return -0.5 * z * z - Math.log(RADIUS_SD) - LOG_SQRT_2PI - LOG_PI - Math.log(r);
    }

    /**
     * Exact posterior draws: draw the noise (a, r), solve x₀ = p + g(θ) for θ, choosing either sign branch of
     * |θ₁ + θ₂| with probability 1/2, and keep solutions inside the prior box.
     */
    @Override
    public double[][] samplePosterior(double[] observation, int n, UniformRandomProvider rng) {
        checkData(observation);
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][2];
        long attempts = 0;
        long maxAttempts = MAX_ATTEMPTS_PER_DRAW * Math.max(n, 100);
        int accepted = 0;
        while (accepted < n) {
            if (++attempts > maxAttempts) {
                throw new SbiException(ErrorType.USER_ERROR, "two-moons: the observation "
                        + java.util.Arrays.toString(observation) + " is (almost) impossible under the prior "
                        + "U(-1, 1)^2; no exact posterior draw found in " + maxAttempts + " attempts");
            }
            double a = Math.PI * (rng.nextDouble() - 0.5);
            double r = RADIUS_MEAN + RADIUS_SD * normal.sample();
            double q0 = observation[0] - (r * Math.cos(a) + SHIFT);
            double q1 = observation[1] - r * Math.sin(a);
            boolean positive = rng.nextBoolean();
            if (q0 > 0) {
                continue;
            }
            double sum = positive ? -SQRT2 * q0 : SQRT2 * q0;
            double difference = SQRT2 * q1;
            double t0 = 0.5 * (sum - difference);
            double t1 = 0.5 * (sum + difference);
            if (t0 >= -1 && t0 <= 1 && t1 >= -1 && t1 <= 1) {
                out[accepted][0] = t0;
                out[accepted][1] = t1;
                accepted++;
            }
        }
        return out;
    }
}
