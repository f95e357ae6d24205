package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the 3-D sign-symmetric task. */
class TestSignSymmetric3dContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return new SignSymmetricSimulator(3, 0.1, 3);
    }
}
