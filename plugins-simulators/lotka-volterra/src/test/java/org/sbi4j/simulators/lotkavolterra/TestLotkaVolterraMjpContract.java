package org.sbi4j.simulators.lotkavolterra;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the Gillespie simulator with its 9 summary statistics. */
class TestLotkaVolterraMjpContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return new LotkaVolterraMjpSimulator(new LotkaVolterraMjpSettings());
    }
}
