package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.parallel.LocalWorkerPool;

/**
 * Runs simulations in seeded batches on a {@link SimulationBackend}, shows progress, and applies the
 * {@link InvalidPolicy} to failed runs (marked invalid or with NaN/∞): counted, dropped or fatal. Batch {@code b}
 * draws its parameters and noise from the stream {@code ("simulation", b)} of the master seed, so the result is
 * identical for any number of threads and any backend.
 */
public final class SimulationEngine {
    private final SimulationBackend backend;
    private final ProgressReporter progress;

    /**
     * @param backend where batches run
     * @param progress where progress is shown
     */
    @Inject
    public SimulationEngine(SimulationBackend backend, ProgressReporter progress) {
        this.backend = requireNonNull(backend, "backend is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /**
     * An engine on the process-wide local thread pool.
     *
     * @param progress where progress is shown
     */
    public SimulationEngine(ProgressReporter progress) {
        this(new LocalSimulationBackend(LocalWorkerPool.shared()), progress);
    }

    /**
     * What to simulate.
     *
     * @param prior where parameters come from
     * @param simulator the simulator
     * @param budget number of simulations
     * @param batchSize simulations per batch (part of the reproducibility contract: changing it changes the draws)
     * @param threads worker threads; 0 means all cores
     * @param seed the master seed
     * @param policy what to do with failed runs
     */
    public record Request(Prior prior, Simulator simulator, int budget, int batchSize, int threads, long seed,
                          InvalidPolicy policy) {
    }

    /**
     * Simulates from the prior.
     *
     * @param request what to simulate
     * @return the valid pairs in batch order and the number dropped
     */
    public Simulations run(Request request) {
        return simulate(request, null, backend, null, true).simulations();
    }

    /**
     * What a simulation job did with its store.
     *
     * @param store the store folder
     * @param batches the job's batches
     * @param found batches the store held already (verified)
     * @param simulated batches simulated into the store now
     * @param damaged of those, how many were stored but failed their checksums
     * @param unstored batches simulated without storing (the store holds them with more rows than the job's last one)
     * @param storedSimulations simulations in the store now
     * @param storedValid how many of them succeeded
     * @param seconds wall time of the job's simulation
     */
    public record StoreReport(java.nio.file.Path store, int batches, int found, int simulated, int damaged,
                              int unstored, long storedSimulations, long storedValid, double seconds) {
    }

    /**
     * What a simulation job gives.
     *
     * @param simulations the valid pairs in batch order and the number dropped, or {@code null} when not kept
     * @param store what was done with the store, or {@code null} for a job without one
     */
    public record Outcome(Simulations simulations, StoreReport store) {
    }

    /**
     * Simulates from the prior on a given backend, through a store when one is given. With a store, only the batches
     * it lacks are simulated, each written to it as it finishes, and the kept simulations are read back from it in
     * batch order: they are the numbers the same job without a store gives.
     *
     * @param request what to simulate
     * @param recipe how another JVM builds the simulator and the prior (for a cluster backend), or {@code null}
     * @param on where the batches run
     * @param store the store, or {@code null} to simulate in memory
     * @param keep whether to return the simulations (training) or only fill the store
     * @return the simulations (when kept) and what was done with the store
     */
    public Outcome simulate(Request request, SimulationRecipe recipe, SimulationBackend on, SimulationStore store,
                            boolean keep) {
        BatchPlan plan = new BatchPlan(request.simulator(), request.prior(), null, request.budget(),
                request.batchSize(), threads(request.threads()), request.seed(), "simulation", recipe);
        if (store == null) {
            List<SimulationBackend.Batch> batches;
            try (Progress bar = progress.start("Simulating", request.budget(), "sims")) {
                batches = on.run(plan, bar);
            }
            return new Outcome(assemble(batches, request), null);
        }
        long start = System.nanoTime();
        SimulationStore.Scan scan = store.scan(request.budget());
        long missingRows = 0;
        for (int b : scan.missing()) {
            missingRows += store.rows(b, request.budget());
        }
        try (Progress bar = progress.start("Simulating", missingRows, "sims")) {
            if (scan.missing().length > 0) {
                on.run(plan, scan.missing(), store::put, bar);
            }
        } catch (RuntimeException e) {
            try {
                store.writeManifest(); // record what was stored before the failure
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        store.writeManifest();
        Map<Integer, SimulationBackend.Batch> unstored = new ConcurrentHashMap<>();
        if (keep && scan.transientBatches().length > 0) {
            on.run(plan, scan.transientBatches(), unstored::put, Progress.NONE);
        }
        long stored = 0;
        long valid = 0;
        for (SimulationStore.Chunk c : store.chunks()) {
            stored += c.rows();
            valid += c.valid();
        }
        StoreReport report = new StoreReport(store.folder(), scan.batches(), scan.found(), scan.missing().length,
                scan.damaged(), scan.transientBatches().length, stored, valid, (System.nanoTime() - start) / 1e9);
        if (!keep) {
            return new Outcome(null, report);
        }
        List<SimulationBackend.Batch> batches = new ArrayList<>(scan.batches());
        for (int b = 0; b < scan.batches(); b++) {
            SimulationBackend.Batch batch = unstored.get(b);
            batches.add(batch != null ? batch : store.get(b));
        }
        return new Outcome(assemble(batches, request), report);
    }

    /** The valid pairs of the batches, in batch order, after the policy is applied. */
    private static Simulations assemble(List<SimulationBackend.Batch> batches, Request request) {
        int valid = 0;
        for (SimulationBackend.Batch b : batches) {
            valid += b.result().size() - b.result().invalidCount();
        }
        applyPolicy(request.budget() - valid, request.budget(), request.policy());
        double[][] theta = new double[valid][];
        double[][] data = new double[valid][];
        int k = 0;
        for (SimulationBackend.Batch b : batches) {
            for (int i = 0; i < b.result().size(); i++) {
                if (b.result().isValid(i)) {
                    theta[k] = b.theta()[i];
                    data[k] = b.result().row(i);
                    k++;
                }
            }
        }
        return new Simulations(theta, data, request.budget() - valid);
    }

    /**
     * Simulates at given parameters; batch {@code b} takes its noise from the stream {@code (stream, b)} of the seed.
     * Failed runs stay in place, marked invalid, so the rows align with {@code theta}; the policy decides whether
     * any failure is fatal.
     *
     * @param simulator the simulator
     * @param theta the parameters, one row per simulation
     * @param batchSize rows per batch
     * @param threads worker threads; 0 means all cores
     * @param seed the master seed
     * @param stream the name of the random stream
     * @param policy what to do with failed runs
     * @return one data row per parameter row (zeros where invalid), with its validity
     */
    public SimulationResult simulateAt(Simulator simulator, double[][] theta, int batchSize, int threads, long seed,
                                       String stream, InvalidPolicy policy) {
        BatchPlan plan = new BatchPlan(simulator, null, theta, theta.length, batchSize, threads(threads), seed, stream);
        List<SimulationBackend.Batch> batches;
        try (Progress bar = progress.start("Simulating (" + stream + ")", theta.length, "sims")) {
            batches = backend.run(plan, bar);
        }
        int dataLength = simulator.dataNames().size();
        double[][] data = new double[theta.length][];
        boolean[] valid = new boolean[theta.length];
        int k = 0;
        for (SimulationBackend.Batch b : batches) {
            for (int i = 0; i < b.result().size(); i++, k++) {
                valid[k] = b.result().isValid(i);
                data[k] = valid[k] ? b.result().row(i) : new double[dataLength];
            }
        }
        SimulationResult result = SimulationResult.of(data, valid);
        if (result.invalidCount() > 0 && policy == InvalidPolicy.FAIL) {
            applyPolicy(result.invalidCount(), theta.length, policy);
        }
        return result;
    }

    /**
     * {@link #simulateAt(Simulator, double[][], int, int, long, String, InvalidPolicy)} on the process-wide pool,
     * silently, keeping failed runs marked invalid.
     */
    public static SimulationResult simulateAt(Simulator simulator, double[][] theta, int batchSize, int threads,
                                              long seed, String stream) {
        return new SimulationEngine(ProgressReporter.SILENT).simulateAt(simulator, theta, batchSize,
                Math.max(1, threads), seed, stream, InvalidPolicy.DROP);
    }

    private static int threads(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }

    private static void applyPolicy(int invalid, int total, InvalidPolicy policy) {
        if (invalid > 0 && policy == InvalidPolicy.FAIL) {
            throw new SbiException(ErrorType.USER_ERROR, invalid + " of " + total
                    + " simulations failed or returned NaN/∞ and simulation.invalid is 'fail'; set it to 'drop' "
                    + "to leave them out, or check the simulator and the prior");
        }
        if (invalid == total) {
            throw new SbiException(ErrorType.USER_ERROR, "all " + total + " simulations failed or "
                    + "returned NaN/∞; check the simulator and whether the prior covers parameters it can simulate");
        }
    }
}
