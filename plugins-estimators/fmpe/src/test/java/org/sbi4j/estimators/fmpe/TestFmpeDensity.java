package org.sbi4j.estimators.fmpe;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.simulators.benchmarks.TwoMoonsSimulator;
import org.sbi4j.testing.ConjugateGaussian;
import org.sbi4j.testing.SeededRandom;

/**
 * The log density of trained fields: on the conjugate Gaussian (posterior N(0.8·x₀, 0.2·I₂)) close to the closed
 * form (measured 0.038 nats from 4,000 simulations; the machinery alone, on a field with a known flow, is exact
 * to 1e-6 in {@code TestConditionalVectorField}), equal to the one-pass densities of the draws, integrating to one
 * on a grid; on two moons' box prior (not transformed, so the mass inside is estimated per observation), the
 * truncated density of a barely trained field integrating to one over the box.
 */
class TestFmpeDensity {
    private static final double[] X0 = {0.3, -0.4};
    private static final ConjugateGaussian MODEL = ConjugateGaussian.standard();
    private static FmpePosterior gaussian;

    @BeforeAll
    static void fit() {
        FmpeSettings settings = new FmpeSettings();
        settings.hiddenFeatures = 64;
        settings.blocks = 3;
        settings.maxEpochs = 150;
        gaussian = Fits.fit(Fits.simulate(MODEL, 4000, 5), settings, 5, 1);
    }

    @Test
    void logDensityIsCloseToTheClosedForm() {
        double[][] theta = MODEL.samplePosterior(X0, 1000, SeededRandom.of(2));
        double[] logQ = gaussian.logDensity(theta, X0);
        double difference = 0;
        for (int i = 0; i < theta.length; i++) {
            difference += Math.abs(logQ[i] - MODEL.posteriorLogDensity(theta[i], X0)) / theta.length;
        }
        System.out.printf("conjugate Gaussian: mean |log q - log p| = %.4f nats%n", difference);
        // measured 0.0379: the error of a field trained on 4,000 simulations, not of the ODE (see the class doc)
        assertThat(difference).isLessThan(0.06);
    }

    @Test
    void onePassDensitiesOfTheDrawsEqualTheBackwardDensities() {
        SupportTruncation.Draws draws = gaussian.sampleWithLogDensity(X0, 1000, SeededRandom.of(3));
        double[] backward = gaussian.logDensity(draws.theta(), X0);
        double difference = 0;
        for (int i = 0; i < backward.length; i++) {
            difference += Math.abs(backward[i] - draws.logDensity()[i]) / backward.length;
        }
        System.out.printf("one pass vs backward: mean |difference| = %.2e nats%n", difference);
        // measured 1.4e-3 nats at the default dopri5 tolerances (1e-4): both are the same ODE solved two ways
        assertThat(difference).isLessThan(5e-3);
        // the same noise: the same draws up to the solver's tolerance (the log-density column takes part in the
        // adaptive step control, so the steps differ)
        double[][] plain = gaussian.sample(X0, 1000, SeededRandom.of(3));
        for (int i = 0; i < plain.length; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(draws.theta()[i][j]).isCloseTo(plain[i][j], Offset.offset(1e-3));
            }
        }
    }

    @Test
    void densityIntegratesToOneOnAGrid() {
        double sd = MODEL.posteriorSd();
        double[] mean = MODEL.posteriorMean(X0);
        double integral = gridIntegral(gaussian, X0, mean[0] - 7 * sd, mean[0] + 7 * sd, mean[1] - 7 * sd,
                mean[1] + 7 * sd, 120);
        System.out.printf("conjugate Gaussian: grid integral %.4f%n", integral);
        assertThat(integral).isCloseTo(1.0, Offset.offset(0.01));
    }

    @Test
    void truncatedDensityIntegratesToOneOverTheBox() {
        InferenceProblem problem = Fits.simulate(new TwoMoonsSimulator(), 1000, 6);
        FmpeSettings settings = Fits.small();
        settings.maxEpochs = 3;
        FmpePosterior rough = Fits.fit(problem, settings, 6, 1);
        double[] x0 = {-0.2, 0.1};
        double integral = gridIntegral(rough, x0, -1, 1, -1, 1, 120);
        System.out.printf("two moons, 3 epochs: acceptance %.3f, grid integral over the box %.4f%n",
                rough.acceptanceRate(), integral);
        assertThat(integral).isCloseTo(1.0, Offset.offset(0.01));
    }

    /** The midpoint rule on a k × k grid. */
    private static double gridIntegral(FmpePosterior posterior, double[] x0, double a0, double b0, double a1,
                                       double b1, int k) {
        double h0 = (b0 - a0) / k;
        double h1 = (b1 - a1) / k;
        double[][] grid = new double[k * k][];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                grid[i * k + j] = new double[] {a0 + (i + 0.5) * h0, a1 + (j + 0.5) * h1};
            }
        }
        double sum = 0;
        for (double v : posterior.logDensity(grid, x0)) {
            sum += Math.exp(v);
        }
        return sum * h0 * h1;
    }
}
