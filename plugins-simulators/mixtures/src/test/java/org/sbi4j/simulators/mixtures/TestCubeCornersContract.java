package org.sbi4j.simulators.mixtures;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the default cube-corners task. */
class TestCubeCornersContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return OffsetMixtureSimulator.cubeCorners(8, 2, 0.3, 6);
    }
}
