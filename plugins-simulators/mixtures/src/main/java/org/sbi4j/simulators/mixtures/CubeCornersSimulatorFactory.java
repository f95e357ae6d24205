package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/** Builds the 3-D {@code cube-corners} task. */
public final class CubeCornersSimulatorFactory implements SimulatorFactory<CubeCornersSettings> {

    @Override
    public String name() {
        return "cube-corners";
    }

    @Override
    public String description() {
        return "3-D Gaussian modes at the corners (±a, ±a, ±a) around the observation, box prior; exact "
                + "likelihood, exact posterior draws and density";
    }

    @Override
    public Class<CubeCornersSettings> settingsType() {
        return CubeCornersSettings.class;
    }

    @Override
    public Simulator create(CubeCornersSettings settings, PluginContext context) {
        settings.validate();
        return OffsetMixtureSimulator.cubeCorners(settings.modes, settings.halfSide, settings.sd, settings.bound);
    }
}
