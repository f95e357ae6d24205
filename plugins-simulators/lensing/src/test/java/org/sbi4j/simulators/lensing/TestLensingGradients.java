package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sbi4j.testing.SeededRandom;

/**
 * Exact gradients: the vector–Jacobian product of the image and the gradient of the Gaussian log likelihood match
 * central finite differences for every parameter, for several model configurations and parameter points
 * (including clipped ellipticities and the Poisson-like noise term).
 */
class TestLensingGradients {

    static Stream<Arguments> configurations() {
        LensingSettings poisson = new LensingSettings();
        poisson.poissonNoise = true;
        poisson.exposureTime = 2;
        LensingSettings reduced = new LensingSettings();
        reduced.externalShear = false;
        reduced.tieLightCenter = true;
        reduced.fixed = List.of("src_n=1.2", "light_e2=0.1");
        reduced.supersampling = 3;
        reduced.pixels = 40;
        LensingSettings sourceOnly = new LensingSettings();
        sourceOnly.lensLight = false;
        sourceOnly.psfFwhm = 0.25;
        return Stream.of(Arguments.of("default", new LensingSettings()), Arguments.of("poisson", poisson),
                Arguments.of("reduced", reduced), Arguments.of("source-only", sourceOnly));
    }

    /** The typical lens, two prior draws and a point with clipped ellipticities (|e| above 2/3). */
    private static List<double[]> points(LensingSimulator simulator) {
        List<double[]> points = new ArrayList<>();
        List<String> names = simulator.parameterNames();
        points.add(select(TestLensImage.TYPICAL, names));
        double[] clipped = TestLensImage.TYPICAL.clone();
        clipped[3] = 0.6;
        clipped[4] = -0.4;
        clipped[10] = -0.5;
        clipped[11] = 0.5;
        clipped[17] = 0.55;
        clipped[18] = 0.45;
        points.add(select(clipped, names));
        double[][] draws = simulator.defaultPrior().orElseThrow().sample(2, SeededRandom.of(77));
        points.add(draws[0]);
        points.add(draws[1]);
        return points;
    }

    private static double[] select(double[] full, List<String> names) {
        double[] theta = new double[names.size()];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = full[LensParameter.byId(names.get(j)).index()];
        }
        return theta;
    }

    private static double[] shifted(double[] theta, int j, double by) {
        double[] out = theta.clone();
        out[j] += by;
        return out;
    }

    /** The five-point (fourth-order) central difference from f(θ ± h), f(θ ± 2h). */
    private static double fourthOrder(double f2, double f1, double fm1, double fm2, double h) {
        return (-f2 + 8 * f1 - 8 * fm1 + fm2) / (12 * h);
    }

    private static double step(double value) {
        return 1e-5 * Math.max(1, Math.abs(value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void vectorJacobianProductMatchesFiniteDifferencesForEveryParameter(String label, LensingSettings settings) {
        LensingSimulator simulator = new LensingSimulator(settings);
        int d = simulator.parameterNames().size();
        int pixels = simulator.noiseDimension();
        UniformRandomProvider rng = SeededRandom.of(5);
        for (double[] theta : points(simulator)) {
            double[][] noise = simulator.sampleNoise(1, rng);
            double[] cotangent = new double[pixels];
            for (int k = 0; k < pixels; k++) {
                cotangent[k] = 2 * rng.nextDouble() - 1;
            }
            double[] vjp = simulator.vectorJacobianProduct(new double[][] {theta}, noise,
                    new double[][] {cotangent})[0];
            for (int j = 0; j < d; j++) {
                double h = step(theta[j]);
                double[] x2 = simulator.simulate(new double[][] {shifted(theta, j, 2 * h)}, noise).row(0);
                double[] x1 = simulator.simulate(new double[][] {shifted(theta, j, h)}, noise).row(0);
                double[] xm1 = simulator.simulate(new double[][] {shifted(theta, j, -h)}, noise).row(0);
                double[] xm2 = simulator.simulate(new double[][] {shifted(theta, j, -2 * h)}, noise).row(0);
                double fd = 0;
                double scale = 0;
                for (int k = 0; k < pixels; k++) {
                    double dk = fourthOrder(x2[k], x1[k], xm1[k], xm2[k], h);
                    fd += cotangent[k] * dk;
                    scale += Math.abs(cotangent[k] * dk);
                }
                // fourth-order differences, h = 1e-5: truncation ~h⁴/r⁵ near the SIE centre (≲ 1e-9 relative),
                // rounding ~1e-16·|x|/h per pixel
                assertThat(vjp[j]).as("%s: ∂/∂%s at %s", label, simulator.parameterNames().get(j),
                        java.util.Arrays.toString(theta)).isCloseTo(fd, within(1e-7 * scale + 1e-7));
                if (j == 0) {
                    assertThat(scale).as("the image depends on θ_E").isPositive();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void logLikelihoodGradientMatchesFiniteDifferencesForEveryParameter(String label, LensingSettings settings) {
        LensingSimulator simulator = new LensingSimulator(settings);
        int d = simulator.parameterNames().size();
        List<double[]> points = points(simulator);
        // data from a neighbouring parameter, so that the residuals are structured, not pure noise
        double[] truth = points.get(0).clone();
        truth[0] += 0.05;
        double[] x = simulator.simulate(new double[][] {truth}, SeededRandom.of(9)).row(0);
        for (double[] theta : points) {
            double[] gradient = new double[d];
            double value = simulator.logLikelihoodGradient(theta, x, gradient);
            assertThat(value).isCloseTo(simulator.logLikelihood(theta, x), within(1e-9 * Math.abs(value)));
            for (int j = 0; j < d; j++) {
                double h = step(theta[j]);
                double fd = fourthOrder(simulator.logLikelihood(shifted(theta, j, 2 * h), x),
                        simulator.logLikelihood(shifted(theta, j, h), x),
                        simulator.logLikelihood(shifted(theta, j, -h), x),
                        simulator.logLikelihood(shifted(theta, j, -2 * h), x), h);
                // truncation ≲ 1e-9 relative; rounding of log L (|log L| up to ~1e6) over h: ~1e-16·1e6/1e-5 = 1e-5
                assertThat(gradient[j]).as("%s: ∂ log L/∂%s at %s", label, simulator.parameterNames().get(j),
                        java.util.Arrays.toString(theta)).isCloseTo(fd, within(1e-7 * Math.abs(fd) + 1e-4));
            }
        }
    }
}
