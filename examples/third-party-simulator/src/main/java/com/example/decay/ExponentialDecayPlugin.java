package com.example.decay;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.spi.NoSettings;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/** Contributes {@code exponential-decay}: x(tⱼ) = A·exp(−k·tⱼ) + N(0, 0.05²) at tⱼ = 0, 0.5, …, 4.5. */
public final class ExponentialDecayPlugin implements Plugin {
    @Override public List<SimulatorFactory<?>> simulatorFactories() { return List.of(new DecaySimulatorFactory()); }

    /** Builds the simulator, which has no settings. */
    public static final class DecaySimulatorFactory implements SimulatorFactory<NoSettings> {
        @Override public String name() { return "exponential-decay"; }
        @Override public String description() { return "Noisy exponential decay A·exp(−k·t) at 10 fixed times"; }
        @Override public Class<NoSettings> settingsType() { return NoSettings.class; }
        @Override public Simulator create(NoSettings settings, PluginContext context) { return new DecaySimulator(); }
    }

    /** θ = (amplitude A, rate k), uniform on [0.5, 2] × [0.1, 1] by default; x = the curve at 10 times. */
    public static final class DecaySimulator implements Simulator {
        private static final List<String> THETA = List.of("amplitude", "rate");
        private static final List<String> X = IntStream.range(0, 10).mapToObj(j -> "x" + j).toList();
        private static final Prior PRIOR = new BoxUniformPrior(new double[] {0.5, 0.1}, new double[] {2, 1}, THETA);
        @Override public List<String> parameterNames() { return THETA; }
        @Override public List<String> dataNames() { return X; }
        @Override public Optional<Prior> defaultPrior() { return Optional.of(PRIOR); }
        @Override public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            double[][] x = new double[theta.length][10];
            for (int i = 0; i < theta.length; i++) {
                for (int j = 0; j < 10; j++) {
                    x[i][j] = theta[i][0] * Math.exp(-theta[i][1] * 0.5 * j) + 0.05 * Gaussian.next(rng);
                }
            }
            return SimulationResult.of(x);
        }
    }
}
