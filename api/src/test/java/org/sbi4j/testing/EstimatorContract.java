package org.sbi4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Settings;

/**
 * The contract every estimator must meet, on the {@link ConjugateGaussian#standard() conjugate Gaussian model}
 * (θ ~ N(0, I₂), x = θ + N(0, 0.5²·I₂), posterior N(0.8·x₀, 0.2·I₂)): sample shape and parameter names, the same
 * draws from two fits with the same seed, the same draws after save → load, a normalised density close to the
 * closed form, sample moments close to the closed form, and the {@link PosteriorContract} checks.
 *
 * <p>Extend it and implement {@link #factory()} and {@link #settings()}; override the budget, the tolerances or
 * the seed where the estimator needs it, and {@link #sampler()} when its posteriors need a sampler. The posterior is fitted twice per test class (the second fit only for
 * the determinism check), so keep the settings small: each fit should take a few seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EstimatorContract<S extends Settings> {
    /** Draws per moment check. */
    public static final int MOMENT_DRAWS = 4000;
    /** True-posterior draws at which the density is compared with the closed form. */
    public static final int DENSITY_DRAWS = 1000;

    private final ConjugateGaussian model = ConjugateGaussian.standard();
    private InferenceProblem problem;
    private Posterior posterior;
    private Posterior fitted;

    /** The factory under test. */
    protected abstract EstimatorFactory<S> factory();

    /** Settings for a small, fast fit; a fresh instance per call. */
    protected abstract S settings();

    /** Simulations from the prior given to the estimator. */
    protected int simulationBudget() {
        return 2000;
    }

    /** The seed of the simulations and of the fit context. */
    protected long seed() {
        return 1;
    }

    /** Observations the posterior is checked at. */
    protected double[][] observations() {
        return new double[][] {{0.3, -0.4}, {1.2, 0.8}};
    }

    /**
     * Largest accepted mean |log q(θ | x₀) − log p(θ | x₀)| over {@value #DENSITY_DRAWS} true-posterior draws,
     * for a normalised density. The default 0.5 nats is about twice what a small NPE flow reaches from 2,000
     * simulations (0.16–0.25 over seeds); a missing Jacobian or a mis-centred density exceeds it.
     */
    protected double densityTolerance() {
        return 0.5;
    }

    /**
     * Largest accepted |sample mean − posterior mean| per parameter, in posterior standard deviations. The default
     * 0.5 is about twice what small fits reach (NPE 0.08–0.23, rejection ABC 0.06–0.15; the Monte Carlo error of
     * {@value #MOMENT_DRAWS} draws is 0.016).
     */
    protected double meanTolerance() {
        return 0.5;
    }

    /**
     * Largest accepted |sample covariance − posterior covariance| per entry, in posterior variances. The default
     * 0.5 is well over what small fits reach (NPE 0.17–0.30, rejection ABC 0.14–0.29, whose 100 kept simulations
     * alone give a standard error of 0.14).
     */
    protected double covarianceTolerance() {
        return 0.5;
    }

    /** See {@link PosteriorContract#normalizationTolerance()}. */
    protected double normalizationTolerance() {
        return 0.05;
    }

    /** See {@link PosteriorContract#gradientTolerance()}. */
    protected double gradientTolerance() {
        return 1e-4;
    }

    /**
     * The sampler that draws from the estimator's posteriors when they {@link Posterior#needsSampler() need one}
     * (as the runtime would), e.g. the mcmc plugin's slice sampler; {@code null} (the default) for posteriors that
     * draw directly.
     */
    protected Sampler sampler() {
        return null;
    }

    /** The model the contract fits. */
    protected final ConjugateGaussian model() {
        return model;
    }

    /** The problem with {@link #simulationBudget()} simulations, built once. */
    protected final InferenceProblem problem() {
        if (problem == null) {
            Prior prior = model.defaultPrior().orElseThrow();
            double[][] theta = prior.sample(simulationBudget(), SeededRandom.of(seed(), "prior"));
            SimulationResult result = context().simulate("simulations", theta);
            problem = new InferenceProblem(prior, model, new Simulations(theta, result.data(), 0));
        }
        return problem;
    }

    /** The fit context: {@link #seed()}, one thread, the model as simulator. */
    protected SeededFitContext context() {
        return SeededFitContext.of(seed()).withSimulator(model);
    }

    /** Fits a fresh posterior with {@link #settings()} and {@link #context()}. */
    protected final Posterior fit() {
        Estimator estimator = factory().create(settings(), () -> Path.of(""));
        return estimator.fit(problem(), context());
    }

    /** The posterior of the first fit, reused by every check; drawn through {@link #sampler()} when it needs one. */
    protected final Posterior posterior() {
        if (posterior == null) {
            fitted = fit();
            posterior = drawable(fitted);
        }
        return posterior;
    }

    private Posterior drawable(Posterior fitted) {
        return SamplerBackedPosterior.of(fitted, problem().prior(), sampler());
    }

    /** What the estimator says before fitting is what its posterior does: the runtime checks a sampler on it early. */
    @Test
    void posteriorsNeedSamplerAsTheEstimatorSays() {
        posterior();
        assertThat(fitted.needsSampler()).as("Estimator.posteriorsNeedSampler() must equal the fitted "
                + "posterior's needsSampler()").isEqualTo(factory().create(settings(), () -> Path.of(""))
                .posteriorsNeedSampler());
    }

    @Test
    void sampleShapeAndParameterNames() {
        assertThat(posterior().parameterNames()).isEqualTo(model.parameterNames());
        for (double[] x : observations()) {
            assertThat(posterior().sample(x, 50, SeededRandom.of(1))).hasDimensions(50, model.parameterNames().size());
        }
    }

    @Test
    void sameSeedSameFitSameDraws() {
        Posterior again = drawable(fit());
        for (double[] x : observations()) {
            assertThat(again.sample(x, 500, SeededRandom.of(2))).isDeepEqualTo(posterior().sample(x, 500,
                    SeededRandom.of(2)));
        }
    }

    @Test
    void saveThenLoadGivesTheSameDraws() throws IOException {
        InMemoryModel saved = new InMemoryModel();
        posterior().save(saved);
        InferenceProblem bare = new InferenceProblem(problem().prior(), model, null);
        Posterior loaded = drawable(factory().load(settings(), saved, bare));
        assertThat(loaded.parameterNames()).isEqualTo(posterior().parameterNames());
        assertThat(loaded.hasLogDensity()).isEqualTo(posterior().hasLogDensity());
        assertThat(loaded.isLogDensityNormalized()).isEqualTo(posterior().isLogDensityNormalized());
        for (double[] x : observations()) {
            double[][] draws = posterior().sample(x, 500, SeededRandom.of(3));
            assertThat(loaded.sample(x, 500, SeededRandom.of(3))).isDeepEqualTo(draws);
            if (posterior().hasLogDensity()) {
                assertThat(loaded.logDensity(draws, x)).containsExactly(posterior().logDensity(draws, x));
            }
        }
    }

    @Test
    void normalisedDensityMatchesTheClosedForm() {
        if (!posterior().hasLogDensity() || !posterior().isLogDensityNormalized()) {
            return;
        }
        UniformRandomProvider rng = SeededRandom.of(seed(), "true-posterior");
        for (double[] x : observations()) {
            double[][] theta = model.samplePosterior(x, DENSITY_DRAWS, rng);
            double[] logQ = posterior().logDensity(theta, x);
            double difference = 0;
            for (int i = 0; i < theta.length; i++) {
                difference += Math.abs(logQ[i] - model.posteriorLogDensity(theta[i], x)) / theta.length;
            }
            report("mean |log q - log p| at x0 = %s: %.4f (tolerance %.3g)", x, difference, densityTolerance());
            assertThat(difference).as("mean |log q − log p| over true-posterior draws at %s", Arrays.toString(x))
                    .isLessThan(densityTolerance());
        }
    }

    @Test
    void sampleMomentsMatchTheClosedForm() {
        double sd = model.posteriorSd();
        for (double[] x : observations()) {
            FittedGaussian moments = FittedGaussian.of(posterior().sample(x, MOMENT_DRAWS, SeededRandom.of(4)));
            double[] exact = model.posteriorMean(x);
            double[] mean = moments.mean();
            double[][] covariance = moments.covariance();
            double meanError = 0;
            double covarianceError = 0;
            for (int j = 0; j < mean.length; j++) {
                meanError = Math.max(meanError, Math.abs(mean[j] - exact[j]) / sd);
                for (int k = 0; k < mean.length; k++) {
                    double expected = j == k ? sd * sd : 0;
                    covarianceError = Math.max(covarianceError, Math.abs(covariance[j][k] - expected) / (sd * sd));
                }
            }
            report("at x0 = %s: mean error %.4f sd (tolerance %.3g), covariance error %.4f variances (tolerance %.3g)",
                    x, meanError, meanTolerance(), covarianceError, covarianceTolerance());
            assertThat(meanError).as("largest mean error in posterior sds at %s", Arrays.toString(x))
                    .isLessThan(meanTolerance());
            assertThat(covarianceError).as("largest covariance error in posterior variances at %s",
                    Arrays.toString(x)).isLessThan(covarianceTolerance());
        }
    }

    @Test
    void posteriorMeetsThePosteriorContract() {
        Posterior p = posterior();
        double[][] observations = observations();
        PosteriorContract.checkSameSeedSameDraws(p, observations[0]);
        PosteriorContract.checkBatchSampling(p, observations);
        for (double[] x : observations) {
            PosteriorContract.checkDraws(p, x);
            PosteriorContract.checkLogDensity(p, x);
            PosteriorContract.checkNormalization(p, x, normalizationTolerance());
            PosteriorContract.checkGradient(p, x, gradientTolerance());
        }
    }

    private void report(String format, double[] x, Object... values) {
        Object[] args = new Object[values.length + 2];
        args[0] = getClass().getSimpleName();
        args[1] = Arrays.toString(x);
        System.arraycopy(values, 0, args, 2, values.length);
        System.out.printf(Locale.ROOT, "%s: " + format + "%n", args);
    }
}
