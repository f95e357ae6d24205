package org.sbi4j.simulators.lotkavolterra;

import java.util.List;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.SimulatorFactory;

/** Contributes the Lotka–Volterra simulators: {@code lotka-volterra-ode} and {@code lotka-volterra-mjp}. */
public final class LotkaVolterraPlugin implements Plugin {

    @Override
    public List<SimulatorFactory<?>> simulatorFactories() {
        return List.of(new LotkaVolterraOdeSimulatorFactory(), new LotkaVolterraMjpSimulatorFactory());
    }
}
