package org.sbi4j.simulators.lotkavolterra;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the Gillespie simulator with raw-trajectory output. */
class TestLotkaVolterraMjpTrajectoryContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        LotkaVolterraMjpSettings settings = new LotkaVolterraMjpSettings();
        settings.trajectoryOutput = true;
        return new LotkaVolterraMjpSimulator(settings);
    }
}
