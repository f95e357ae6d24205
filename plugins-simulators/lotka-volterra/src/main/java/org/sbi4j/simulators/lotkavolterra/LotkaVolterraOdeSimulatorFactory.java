package org.sbi4j.simulators.lotkavolterra;

import org.sbi4j.api.Simulator;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/** Builds the deterministic Lotka–Volterra ODE simulator with log-normal noise ({@code lotka-volterra-ode}). */
public final class LotkaVolterraOdeSimulatorFactory implements SimulatorFactory<LotkaVolterraOdeSettings> {

    @Override
    public String name() {
        return "lotka-volterra-ode";
    }

    @Override
    public String description() {
        return "Lotka-Volterra predator-prey ODE with log-normal observation noise (sbibm lotka_volterra by "
                + "default); tractable likelihood and vector-Jacobian products";
    }

    @Override
    public Class<LotkaVolterraOdeSettings> settingsType() {
        return LotkaVolterraOdeSettings.class;
    }

    @Override
    public Simulator create(LotkaVolterraOdeSettings settings, PluginContext context) {
        return new LotkaVolterraOdeSimulator(settings);
    }
}
