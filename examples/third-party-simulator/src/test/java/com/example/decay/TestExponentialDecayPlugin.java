package com.example.decay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.NoSettings;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.SimulatorFactory;
import org.sbi4j.testing.SeededRandom;

class TestExponentialDecayPlugin {

    @Test
    @SuppressWarnings("unchecked")
    void serviceLoaderFindsTheSimulator() {
        SimulatorFactory<?> factory = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(ExponentialDecayPlugin.class::isInstance).findFirst().orElseThrow()
                .simulatorFactories().get(0);
        assertThat(factory.name()).isEqualTo("exponential-decay");
        assertThat(factory.settingsType()).isEqualTo(NoSettings.class);
        Simulator simulator = ((SimulatorFactory<NoSettings>) factory).create(new NoSettings(), null);
        assertThat(simulator.parameterNames()).containsExactly("amplitude", "rate");
        assertThat(simulator.dataNames()).hasSize(10).startsWith("x0").endsWith("x9");
    }

    /* 4,000 runs at A = 1.5, k = 0.4: the mean of x(tⱼ) has standard error 0.05/√4000 ≈ 0.0008; margin 0.004. */
    @Test
    void dataScatterAroundTheDecayCurve() {
        Simulator simulator = new ExponentialDecayPlugin.DecaySimulator();
        double[][] theta = new double[4000][];
        java.util.Arrays.fill(theta, new double[] {1.5, 0.4});
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(1));
        for (int j = 0; j < 10; j++) {
            double mean = 0;
            double squares = 0;
            for (double[] x : result.data()) {
                mean += x[j] / theta.length;
                squares += x[j] * x[j] / theta.length;
            }
            double curve = 1.5 * Math.exp(-0.4 * 0.5 * j);
            assertThat(mean).as("mean at t = %s", 0.5 * j).isCloseTo(curve, within(0.004));
            assertThat(Math.sqrt(squares - mean * mean)).as("sd at t = %s", 0.5 * j).isCloseTo(0.05, within(0.005));
        }
    }
}
