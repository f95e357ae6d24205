package org.sbi4j.simulators.lensing;

import org.sbi4j.api.Simulator;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/** Builds the {@code lensing} simulator. */
public final class LensingSimulatorFactory implements SimulatorFactory<LensingSettings> {

    @Override
    public String name() {
        return "lensing";
    }

    @Override
    public String description() {
        return "Strong gravitational lens images: SIE mass + external shear ray-tracing an elliptical Sérsic "
                + "source, Sérsic lens light, Gaussian PSF and noise; differentiable, with a Gaussian likelihood";
    }

    @Override
    public Class<LensingSettings> settingsType() {
        return LensingSettings.class;
    }

    @Override
    public Simulator create(LensingSettings settings, PluginContext context) {
        return new LensingSimulator(settings);
    }
}
