package org.sbi4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sbi4j.api.Posterior;

/**
 * The contract every {@link Posterior} must meet: finite draws of shape n × d, the same draws for the same
 * generator seed, one block per observation from the batch {@code sample}, and, where offered, a log density
 * that is finite at its own draws, integrates to one when it claims to be normalised, and a gradient that
 * matches central finite differences.
 *
 * <p>Extend it and implement {@link #createPosterior()} and {@link #observations()} (created once per test
 * class), or call the static checks, as {@link EstimatorContract} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PosteriorContract {
    /** Draws per check. */
    public static final int DRAWS = 1000;
    /** Draws of the importance-sampling estimate of the normalising constant. */
    public static final int NORMALIZATION_DRAWS = 20_000;
    /** How much wider, in standard deviations, the importance-sampling proposal is than the draws. */
    public static final double PROPOSAL_WIDTH = 2.0;

    private Posterior posterior;

    /** The posterior under test; called once per test class. */
    protected abstract Posterior createPosterior();

    /** Observations to condition on, each of the simulator's data length. */
    protected abstract double[][] observations();

    /**
     * Largest accepted |Ẑ − 1| of the importance-sampling estimate of a normalised density's integral. The
     * default 0.05 is about six standard errors of the estimate for a near-Gaussian density in two dimensions
     * (20,000 draws from a proposal twice as wide: relative sd of the weights ≈ 1.1, standard error ≈ 0.008).
     */
    protected double normalizationTolerance() {
        return 0.05;
    }

    /** Relative tolerance of the finite-difference check of the density gradient. */
    protected double gradientTolerance() {
        return 1e-4;
    }

    private Posterior posterior() {
        if (posterior == null) {
            posterior = createPosterior();
        }
        return posterior;
    }

    @Test
    void drawsAreFiniteAndShaped() {
        for (double[] x : observations()) {
            checkDraws(posterior(), x);
        }
    }

    @Test
    void sameSeedSameDraws() {
        checkSameSeedSameDraws(posterior(), observations()[0]);
    }

    @Test
    void batchSamplingGivesOneBlockPerObservation() {
        checkBatchSampling(posterior(), observations());
    }

    @Test
    void logDensityIsFiniteAtOwnDraws() {
        for (double[] x : observations()) {
            checkLogDensity(posterior(), x);
        }
    }

    @Test
    void normalisedDensityIntegratesToOne() {
        for (double[] x : observations()) {
            checkNormalization(posterior(), x, normalizationTolerance());
        }
    }

    @Test
    void densityGradientMatchesFiniteDifferences() {
        for (double[] x : observations()) {
            checkGradient(posterior(), x, gradientTolerance());
        }
    }

    /**
     * Draws are finite, {@value #DRAWS} × d with d the number of parameter names.
     *
     * @param posterior the posterior
     * @param observation x₀
     */
    public static void checkDraws(Posterior posterior, double[] observation) {
        int d = posterior.parameterNames().size();
        assertThat(d).as("number of parameters").isPositive();
        double[][] draws = posterior.sample(observation, DRAWS, SeededRandom.of(1));
        assertThat(draws).hasDimensions(DRAWS, d);
        assertFinite(draws, "draw");
        assertThat(posterior.sample(observation, 0, SeededRandom.of(1))).as("zero draws").isEmpty();
    }

    /**
     * Two generators with the same seed give the same draws.
     *
     * @param posterior the posterior
     * @param observation x₀
     */
    public static void checkSameSeedSameDraws(Posterior posterior, double[] observation) {
        assertThat(posterior.sample(observation, 200, SeededRandom.of(7)))
                .isDeepEqualTo(posterior.sample(observation, 200, SeededRandom.of(7)));
    }

    /**
     * {@code sample(observations, n, rng)} returns one finite n × d block per observation, the same for the same
     * seed; when the posterior keeps the default implementation, the blocks equal drawing one observation after
     * another from one generator.
     *
     * @param posterior the posterior
     * @param observations the observations
     */
    public static void checkBatchSampling(Posterior posterior, double[][] observations) {
        int n = 100;
        int d = posterior.parameterNames().size();
        double[][][] blocks = posterior.sample(observations, n, SeededRandom.of(3));
        assertThat(blocks.length).as("one block per observation").isEqualTo(observations.length);
        for (double[][] block : blocks) {
            assertThat(block).hasDimensions(n, d);
            assertFinite(block, "batch draw");
        }
        assertThat(posterior.sample(observations, n, SeededRandom.of(3))).as("same seed").isDeepEqualTo(blocks);
        if (!overridesBatchSampling(posterior)) {
            UniformRandomProvider rng = SeededRandom.of(3);
            for (int i = 0; i < observations.length; i++) {
                assertThat(blocks[i]).as("block %d against drawing one after another", i)
                        .isDeepEqualTo(posterior.sample(observations[i], n, rng));
            }
        }
    }

    private static boolean overridesBatchSampling(Posterior posterior) {
        try {
            return posterior.getClass().getMethod("sample", double[][].class, int.class, UniformRandomProvider.class)
                    .getDeclaringClass() != Posterior.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * When the posterior has a density: one finite value per row at its own draws.
     *
     * @param posterior the posterior
     * @param observation x₀
     */
    public static void checkLogDensity(Posterior posterior, double[] observation) {
        if (!posterior.hasLogDensity()) {
            assertThat(posterior.isLogDensityNormalized()).as("a normalised density without a density").isFalse();
            assertThat(posterior.hasLogDensityGradient()).as("a density gradient without a density").isFalse();
            return;
        }
        double[][] draws = posterior.sample(observation, DRAWS, SeededRandom.of(2));
        double[] logDensity = posterior.logDensity(draws, observation);
        assertThat(logDensity).hasSize(DRAWS);
        for (int i = 0; i < logDensity.length; i++) {
            assertThat(logDensity[i]).as("log density at draw %d", i).isFinite();
        }
    }

    /**
     * When the density claims to be normalised: its integral, estimated by importance sampling from a Gaussian
     * fitted to its draws and widened {@value #PROPOSAL_WIDTH} times, is within {@code tolerance} of one.
     *
     * @param posterior the posterior
     * @param observation x₀
     * @param tolerance the largest accepted |Ẑ − 1|
     * @return the estimate Ẑ, or NaN when the density is not normalised
     */
    public static double checkNormalization(Posterior posterior, double[] observation, double tolerance) {
        if (!posterior.hasLogDensity() || !posterior.isLogDensityNormalized()) {
            return Double.NaN;
        }
        FittedGaussian proposal = FittedGaussian.of(posterior.sample(observation, DRAWS, SeededRandom.of(4)))
                .widened(PROPOSAL_WIDTH);
        double[][] theta = proposal.sample(NORMALIZATION_DRAWS, SeededRandom.of(5));
        double[] logQ = posterior.logDensity(theta, observation);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < theta.length; i++) {
            double w = Math.exp(logQ[i] - proposal.logDensity(theta[i]));
            sum += w;
            sumSquares += w * w;
        }
        double z = sum / theta.length;
        double standardError = Math.sqrt(Math.max(0, sumSquares / theta.length - z * z) / theta.length);
        System.out.printf(Locale.ROOT, "%s: integral of the density at x0 = %s is %.4f ± %.4f%n",
                posterior.getClass().getSimpleName(), Arrays.toString(observation), z, standardError);
        assertThat(z).as("importance-sampling estimate of the integral of a normalised density "
                + "(standard error %.4f)", standardError).isCloseTo(1.0, Offset.offset(tolerance));
        return z;
    }

    /**
     * When the posterior has a density gradient: it matches central finite differences of the log density at a
     * few of its own draws, and the log densities it returns equal {@link Posterior#logDensity}.
     *
     * @param posterior the posterior
     * @param observation x₀
     * @param tolerance the relative tolerance
     */
    public static void checkGradient(Posterior posterior, double[] observation, double tolerance) {
        if (!posterior.hasLogDensityGradient()) {
            return;
        }
        double[][] theta = posterior.sample(observation, 5, SeededRandom.of(6));
        double[][] gradient = new double[theta.length][theta[0].length];
        double[] logDensity = posterior.logDensityGradient(theta, observation, gradient);
        assertThat(logDensity).containsExactly(posterior.logDensity(theta, observation));
        for (int i = 0; i < theta.length; i++) {
            FiniteDifferences.assertGradient("posterior log density", t ->
                    posterior.logDensity(new double[][] {t}, observation)[0], theta[i], gradient[i], tolerance);
        }
    }

    private static void assertFinite(double[][] rows, String what) {
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                assertThat(rows[i][j]).as("%s %d, parameter %d", what, i, j).isFinite();
            }
        }
    }
}
