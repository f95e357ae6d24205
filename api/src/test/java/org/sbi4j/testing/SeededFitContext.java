package org.sbi4j.testing;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;

/**
 * A stand-in for the runtime's {@link FitContext} in tests: named streams from {@link SeededRandom#of(long,
 * String)}, a thread budget, a listener, and {@link #simulate} run sequentially in batches of
 * {@value #BATCH_SIZE}, batch {@code b} seeded by the stream {@code "<stream>/<b>"}, with non-finite rows marked
 * invalid and counted ({@link #invalidCount()}). Immutable apart from that count; the {@code with…} methods
 * return copies with a fresh count.
 */
public final class SeededFitContext implements FitContext {
    /** Rows per simulation batch. */
    public static final int BATCH_SIZE = 100;

    private final long seed;
    private final int threads;
    private final TrainingListener listener;
    private final Simulator simulator;
    private final AtomicInteger invalid = new AtomicInteger();

    private SeededFitContext(long seed, int threads, TrainingListener listener, Simulator simulator) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.seed = seed;
        this.threads = threads;
        this.listener = requireNonNull(listener, "listener is null");
        this.simulator = simulator;
    }

    /**
     * A context with one thread, no listener and no simulator.
     *
     * @param seed the master seed
     * @return the context
     */
    public static SeededFitContext of(long seed) {
        return new SeededFitContext(seed, 1, TrainingListener.NONE, null);
    }

    /**
     * The same context with another thread budget.
     *
     * @param count threads, positive
     * @return a copy
     */
    public SeededFitContext withThreads(int count) {
        return new SeededFitContext(seed, count, listener, simulator);
    }

    /**
     * The same context with another listener.
     *
     * @param progress where progress goes
     * @return a copy
     */
    public SeededFitContext withListener(TrainingListener progress) {
        return new SeededFitContext(seed, threads, progress, simulator);
    }

    /**
     * The same context with the simulator that {@link #simulate} runs.
     *
     * @param model the simulator
     * @return a copy
     */
    public SeededFitContext withSimulator(Simulator model) {
        return new SeededFitContext(seed, threads, listener, requireNonNull(model, "simulator is null"));
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public UniformRandomProvider random(String name) {
        return SeededRandom.of(seed, name);
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
        if (simulator == null) {
            throw new IllegalStateException("this test context has no simulator: use withSimulator(...)");
        }
        double[][] data = new double[theta.length][];
        boolean[] valid = new boolean[theta.length];
        for (int start = 0, b = 0; start < theta.length; start += BATCH_SIZE, b++) {
            int end = Math.min(theta.length, start + BATCH_SIZE);
            double[][] batch = new double[end - start][];
            for (int i = start; i < end; i++) {
                batch[i - start] = theta[i].clone();
            }
            SimulationResult part = simulator.simulate(batch, random(stream + "/" + b));
            if (part.size() != batch.length) {
                throw new AssertionError("the simulator returned " + part.size() + " rows for " + batch.length);
            }
            for (int i = start; i < end; i++) {
                data[i] = part.row(i - start);
                valid[i] = part.isValid(i - start);
            }
        }
        SimulationResult result = SimulationResult.of(data, valid);
        invalid.addAndGet(result.invalidCount());
        return result;
    }

    /** How many rows {@link #simulate} has marked invalid so far. */
    public int invalidCount() {
        return invalid.get();
    }

    @Override
    public String toString() {
        return "SeededFitContext(seed=" + seed + ", threads=" + threads + ", simulator="
                + (simulator == null ? "none" : simulator.getClass().getSimpleName()) + ")";
    }
}
