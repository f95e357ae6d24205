package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SimulatorFactory;

/** Builds the {@code sign-symmetric} task. */
public final class SignSymmetricSimulatorFactory implements SimulatorFactory<SignSymmetricSettings> {

    @Override
    public String name() {
        return "sign-symmetric";
    }

    @Override
    public String description() {
        return "x = θ² + σε under a box prior: 2^d sign-symmetric posterior modes; exact likelihood, exact "
                + "posterior draws, density normalised by 1-D quadrature";
    }

    @Override
    public Class<SignSymmetricSettings> settingsType() {
        return SignSymmetricSettings.class;
    }

    @Override
    public Simulator create(SignSymmetricSettings settings, PluginContext context) {
        settings.validate();
        return new SignSymmetricSimulator(settings.dimension, settings.sd, settings.bound);
    }
}
