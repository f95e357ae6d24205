package org.sbi4j.simulators.lotkavolterra;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the sbibm configuration of the ODE simulator. */
class TestLotkaVolterraOdeContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return new LotkaVolterraOdeSimulator(new LotkaVolterraOdeSettings());
    }
}
