package org.sbi4j.estimators.fmpe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sbi4j.testing.ConjugateGaussian;
import org.sbi4j.testing.SeededRandom;

/**
 * How close the exact log density of a trained field comes to the closed form on the conjugate Gaussian
 * (posterior N(0.8·x₀, 0.2·I₂)), as the mean |log q − log p| over 1,000 exact posterior draws (issue 11 asks for
 * less than 0.02 nats). {@code TestFmpeDensity} measures 0.038 nats at x₀ = (0.3, −0.4) with the default time
 * prior (α = 1) and a 3 × 64 field on 4,000 simulations; the machinery itself (ODE, divergence) is exact to 1e-6
 * on a field with a known flow ({@code TestConditionalVectorField}), so what is left is training error.
 *
 * <p>Measured (seed 5, 3 × 64 field; x₀ = (0.3, −0.4), (1, 0.5), (−1.5, 1.2); docs/benchmarks.md, "FMPE: density
 * accuracy, calibration, starting points"): uniform times (α = 0) lower the error at 4,000 simulations to 0.032
 * nats at the first x₀ (the CI test below; the solver tolerance is not what is left: 1e-7 instead of 1e-4 changes
 * it by 1e-4, and the error is mostly a shift of q's mean, a regression error); 10,000 and 20,000 simulations stay
 * at 0.03–0.04; 50,000 simulations with α = 0, batch 1000 and lr 1e-3 reach 0.010 / 0.018 / 0.025, the target at
 * the first two. That fit costs minutes, far more than CI should spend, so it runs only on request:
 * {@code mvn -pl plugins-estimators/fmpe test -Dtest=TestFmpeDensityAccuracy -Dsbi4j.fmpe.long=true}.
 */
class TestFmpeDensityAccuracy {
    private static final ConjugateGaussian MODEL = ConjugateGaussian.standard();
    private static final double[][] OBSERVATIONS = {{0.3, -0.4}, {1.0, 0.5}, {-1.5, 1.2}};

    @Test
    void uniformTimesLowerTheDensityErrorAtFourThousandSimulations() {
        FmpeSettings settings = field();
        settings.timePriorExponent = 0;
        double[] error = meanAbsoluteError(Fits.fit(Fits.simulate(MODEL, 4000, 5), settings, 5, 1));
        // measured 0.0319 (α = 1 on the same simulations and seed: 0.0379, TestFmpeDensity)
        assertThat(error[0]).isLessThan(0.036);
        // measured 0.048 and 0.100: observations off the centre of the simulations are fitted less well
        assertThat(error[1]).isLessThan(0.06);
        assertThat(error[2]).isLessThan(0.12);
    }

    @Test
    @EnabledIfSystemProperty(named = "sbi4j.fmpe.long", matches = "true")
    void fiftyThousandSimulationsWithUniformTimesMeetTheTarget() {
        FmpeSettings settings = field();
        settings.timePriorExponent = 0;
        settings.batchSize = 1000;
        settings.learningRate = 1e-3;
        settings.maxEpochs = 300;
        double[] error = meanAbsoluteError(Fits.fit(Fits.simulate(MODEL, 50_000, 5), settings, 5, 1));
        // measured 0.0102, 0.0180, 0.0252 (86 epochs)
        assertThat(error[0]).isLessThan(0.02);
        assertThat(error[1]).isLessThan(0.02);
        assertThat(error[2]).isLessThan(0.03);
    }

    /** The 3 × 64 field of the density tests, otherwise the defaults. */
    static FmpeSettings field() {
        FmpeSettings settings = new FmpeSettings();
        settings.hiddenFeatures = 64;
        settings.blocks = 3;
        settings.maxEpochs = 150;
        settings.sigmaMin = 1e-3; // what the figures below were measured with
        return settings;
    }

    /** Mean |log q − log p| over 1,000 exact posterior draws at each of {@link #OBSERVATIONS}. */
    static double[] meanAbsoluteError(FmpePosterior posterior) {
        double[] error = new double[OBSERVATIONS.length];
        for (int k = 0; k < OBSERVATIONS.length; k++) {
            double[] x0 = OBSERVATIONS[k];
            double[][] theta = MODEL.samplePosterior(x0, 1000, SeededRandom.of(2));
            double[] logQ = posterior.logDensity(theta, x0);
            for (int i = 0; i < theta.length; i++) {
                error[k] += Math.abs(logQ[i] - MODEL.posteriorLogDensity(theta[i], x0)) / theta.length;
            }
        }
        System.out.printf("conjugate Gaussian, %d epochs: mean |log q - log p| = %.4f / %.4f / %.4f nats%n",
                posterior.trainingSummary().epochs(), error[0], error[1], error[2]);
        return error;
    }
}
