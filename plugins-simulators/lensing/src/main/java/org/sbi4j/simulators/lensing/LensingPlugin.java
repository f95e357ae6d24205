package org.sbi4j.simulators.lensing;

import java.util.List;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.SimulatorFactory;

/** Contributes the {@code lensing} simulator. */
public final class LensingPlugin implements Plugin {

    @Override
    public List<SimulatorFactory<?>> simulatorFactories() {
        return List.of(new LensingSimulatorFactory());
    }
}
