package org.sbi4j.simulators.lotkavolterra;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

/** The simulator contract for the log-transformed output of the ODE simulator on a custom time grid. */
class TestLotkaVolterraOdeLogOutputContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
        settings.logOutput = true;
        settings.tMax = 15;
        settings.observationTimes = new double[] {0.5, 1, 3, 7.25, 15};
        return new LotkaVolterraOdeSimulator(settings);
    }
}
