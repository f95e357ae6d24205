package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the ring-of-modes task with K = 8. */
class TestRingOfEightModesContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return OffsetMixtureSimulator.ring(8, 3, 0.3, 6);
    }
}
