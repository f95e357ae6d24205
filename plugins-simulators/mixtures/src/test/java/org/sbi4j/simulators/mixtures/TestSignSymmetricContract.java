package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the default sign-symmetric task (d = 2). */
class TestSignSymmetricContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return new SignSymmetricSimulator(2, 0.1, 3);
    }
}
