package com.example.decay;

import org.sbi4j.api.Simulator;
import org.sbi4j.spi.NoSettings;
import org.sbi4j.testing.SimulatorContract;

/** The sbi4j simulator contract (shapes, names, seeding, thread safety) for {@code exponential-decay}. */
class TestExponentialDecayContract extends SimulatorContract {

    @Override
    protected Simulator createSimulator() {
        return new ExponentialDecayPlugin.DecaySimulatorFactory().create(new NoSettings(), null);
    }
}
