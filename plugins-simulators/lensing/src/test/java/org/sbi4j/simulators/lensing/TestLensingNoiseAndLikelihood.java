package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.testing.SeededRandom;

/** x = M + σ ⊙ z, the rng and fixed-noise paths agree, and the likelihood is the matching Gaussian. */
class TestLensingNoiseAndLikelihood {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    @Test
    void randomPathEqualsFixedNoisePathBitForBit() {
        LensingSimulator simulator = new LensingSimulator();
        double[][] theta = simulator.defaultPrior().orElseThrow().sample(5, SeededRandom.of(1));
        SimulationResult viaRng = simulator.simulate(theta, SeededRandom.of(2));
        double[][] noise = simulator.sampleNoise(theta.length, SeededRandom.of(2));
        SimulationResult viaNoise = simulator.simulate(theta, noise);
        for (int i = 0; i < theta.length; i++) {
            assertThat(viaRng.row(i)).containsExactly(viaNoise.row(i));
        }
    }

    @Test
    void dataAreModelPlusScaledNoiseAndTheLikelihoodIsTheirGaussian() {
        for (boolean poisson : new boolean[] {false, true}) {
            LensingSettings settings = new LensingSettings();
            settings.poissonNoise = poisson;
            settings.noiseSigma = 0.7;
            settings.exposureTime = 3;
            LensingSimulator simulator = new LensingSimulator(settings);
            double[] theta = TestLensImage.TYPICAL;
            double[][] noise = simulator.sampleNoise(1, SeededRandom.of(3));
            double[] x = simulator.simulate(new double[][] {theta}, noise).row(0);
            double[] model = simulator.modelImage(theta);
            double expected = 0;
            double chi2 = 0;
            for (int k = 0; k < x.length; k++) {
                double sigma = Math.sqrt(0.49 + (poisson ? Math.max(model[k], 0) / 3 : 0));
                double z = noise[0][k];
                assertThat(x[k]).isCloseTo(model[k] + sigma * z, within(1e-12 * (1 + Math.abs(x[k]))));
                expected += -0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI;
                chi2 += z * z;
            }
            double logL = simulator.logLikelihood(theta, x);
            assertThat(logL).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
            assertThat(simulator.logLikelihoods(new double[][] {theta, theta}, x)).containsExactly(logL, logL);
            assertThat(simulator.reducedChiSquare(theta, x)).isCloseTo(chi2 / x.length, within(1e-9));
            // χ²_ν of pure noise: mean 1, sd √(2/4096) = 0.022
            assertThat(simulator.reducedChiSquare(theta, x)).isCloseTo(1, within(0.1));
        }
    }

    @Test
    void invalidParametersGiveInvalidRowsNaNGradientsAndZeroLikelihood() {
        LensingSimulator simulator = new LensingSimulator();
        double[] good = TestLensImage.TYPICAL;
        double[] negativeRadius = good.clone();
        negativeRadius[LensParameter.SRC_R.index()] = -0.1;
        double[] nan = good.clone();
        nan[LensParameter.LIGHT_N.index()] = Double.NaN;
        double[] negativeMass = good.clone();
        negativeMass[LensParameter.THETA_E.index()] = -1;
        double[][] theta = {good, negativeRadius, nan, negativeMass};
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(4));
        assertThat(result.isValid(0)).isTrue();
        assertThat(result.invalidCount()).isEqualTo(3);
        double[][] noise = simulator.sampleNoise(4, SeededRandom.of(5));
        double[][] vjp = simulator.vectorJacobianProduct(theta, noise, noise);
        assertThat(vjp[1]).containsOnly(Double.NaN);
        assertThat(simulator.logLikelihood(negativeRadius, result.row(0))).isEqualTo(Double.NEGATIVE_INFINITY);
        double[] gradient = new double[21];
        assertThat(simulator.logLikelihoodGradient(nan, result.row(0), gradient)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
