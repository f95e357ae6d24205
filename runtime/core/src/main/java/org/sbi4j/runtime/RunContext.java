package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.runtime.config.SimulationSpec;
import org.sbi4j.runtime.simulate.Seeds;
import org.sbi4j.runtime.simulate.SimulationEngine;

/**
 * The runtime's {@link FitContext}: streams derived from the master seed, a thread budget, a listener, and
 * simulation through the run's engine (streams {@code "fit:<name>"}, so they never meet the training bank's).
 */
final class RunContext implements FitContext {
    private final long seed;
    private final int threads;
    private final TrainingListener listener;
    private final SimulationEngine engine;
    private final Simulator simulator;
    private final SimulationSpec simulation;

    RunContext(long seed, int threads, TrainingListener listener, SimulationEngine engine, Simulator simulator,
               SimulationSpec simulation) {
        this.seed = seed;
        this.threads = threads;
        this.listener = requireNonNull(listener, "listener is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.simulator = requireNonNull(simulator, "simulator is null");
        this.simulation = requireNonNull(simulation, "simulation is null");
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public UniformRandomProvider random(String name) {
        return Seeds.random(seed, "fit:" + name, 0);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public TrainingListener listener() {
        return listener;
    }

    @Override
    public SimulationResult simulate(String stream, double[][] theta) {
        requireNonNull(stream, "stream is null");
        requireNonNull(theta, "theta is null");
        return engine.simulateAt(simulator, theta, simulation.batchSize, threads, seed, "fit:" + stream,
                simulation.invalid);
    }
}
