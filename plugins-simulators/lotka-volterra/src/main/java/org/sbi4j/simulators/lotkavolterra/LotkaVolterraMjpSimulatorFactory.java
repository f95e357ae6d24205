package org.sbi4j.simulators.lotkavolterra;

import org.sbi4j.api.Simulator;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/** Builds the stochastic Markov-jump Lotka–Volterra simulator ({@code lotka-volterra-mjp}). */
public final class LotkaVolterraMjpSimulatorFactory implements SimulatorFactory<LotkaVolterraMjpSettings> {

    @Override
    public String name() {
        return "lotka-volterra-mjp";
    }

    @Override
    public String description() {
        return "stochastic Lotka-Volterra Markov jump process simulated exactly with Gillespie's algorithm, "
                + "9 summary statistics or the raw trajectory (SNL benchmark)";
    }

    @Override
    public Class<LotkaVolterraMjpSettings> settingsType() {
        return LotkaVolterraMjpSettings.class;
    }

    @Override
    public Simulator create(LotkaVolterraMjpSettings settings, PluginContext context) {
        return new LotkaVolterraMjpSimulator(settings);
    }
}
