package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/** Builds the 2-D {@code ring-of-modes} task. */
public final class RingOfModesSimulatorFactory implements SimulatorFactory<RingOfModesSettings> {

    @Override
    public String name() {
        return "ring-of-modes";
    }

    @Override
    public String description() {
        return "2-D ring of K Gaussian modes (radius r, sd s) around the observation, box prior; exact "
                + "likelihood, exact posterior draws and density";
    }

    @Override
    public Class<RingOfModesSettings> settingsType() {
        return RingOfModesSettings.class;
    }

    @Override
    public Simulator create(RingOfModesSettings settings, PluginContext context) {
        settings.validate();
        return OffsetMixtureSimulator.ring(settings.modes, settings.radius, settings.sd, settings.bound);
    }
}
