package org.sbi4j.simulators.lensing;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract (names, shapes, determinism, thread safety, likelihood, VJP) for the default model. */
class TestLensingContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return new LensingSimulator();
    }
}
