package org.sbi4j.simulators.benchmarks;

import org.sbi4j.api.Simulator;
import org.sbi4j.testing.SimulatorContract;

class TestSirContract extends SimulatorContract {
    @Override
    protected Simulator createSimulator() {
        return new SirSimulator();
    }
}
