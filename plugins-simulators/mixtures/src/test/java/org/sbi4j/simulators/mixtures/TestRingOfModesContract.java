package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the default ring-of-modes task (K = 4). */
class TestRingOfModesContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
    }
}
