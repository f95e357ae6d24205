package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sbi4j.api.Capability;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.simulate.SimulationEngine;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.runtime.store.ModelArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Simulates the training bank (when the estimator asks for one), fits, and records the provenance. */
public final class ModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

    private final SimulationEngine engine;
    private final SimulationJob simulation;
    private final Refinement refinement;
    private final RuntimeOptions options;

    /**
     * @param engine runs simulations inside a fit
     * @param simulation simulates the training bank on the configured backend and store
     * @param refinement puts the configured sampler in front of the fitted posterior
     * @param options the thread count
     */
    @Inject
    public ModelTrainer(SimulationEngine engine, SimulationJob simulation, Refinement refinement,
                        RuntimeOptions options) {
        this.engine = requireNonNull(engine, "engine is null");
        this.simulation = requireNonNull(simulation, "simulation is null");
        this.refinement = requireNonNull(refinement, "refinement is null");
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * Simulates and fits.
     *
     * @param run a resolved run
     * @return the trained model
     */
    public TrainedModel train(ResolvedRun run) {
        RunConfig config = run.config();
        RunSizes.check(config, run.estimator(), run.prior().dimension(), run.simulator().dataNames().size());
        int threads = options.threads(config.simulation.threads);
        Simulations simulations = null;
        Manifest.SimulationStatistics simStats = new Manifest.SimulationStatistics(0, 0, 0, 0);
        if (run.estimator().requirements().contains(Capability.SIMULATIONS)) {
            long start = System.nanoTime();
            Phases.enter("simulating");
            simulations = simulation.forTraining(run).simulations();
            double seconds = (System.nanoTime() - start) / 1e9;
            simStats = new Manifest.SimulationStatistics(config.simulation.budget, simulations.size(),
                    simulations.invalidCount(), seconds);
            if (simulations.invalidCount() > 0) {
                LOG.warn("{} of {} simulations failed or returned NaN/∞ and were dropped ({} kept)",
                        simulations.invalidCount(), config.simulation.budget, simulations.size());
            }
            RunSizes.requireValid(simulations, config.simulation.budget, run.estimator(), config.estimator.type());
        }
        InferenceProblem problem = new InferenceProblem(run.prior(), run.simulator(), simulations);
        long start = System.nanoTime();
        Phases.enter("training");
        Posterior posterior;
        try {
            posterior = run.estimator().fit(problem, new RunContext(config.seed, threads, new LoggingListener(),
                    engine, run.simulator(), config.simulation));
        } catch (IllegalArgumentException e) {
            throw SbiException.userError("estimator '" + config.estimator.type() + "' rejected the problem: "
                    + e.getMessage());
        }
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        posterior = refinement.apply(posterior, run);
        TrainingSummary reported = posterior.trainingSummary();
        Map<String, Double> stats = new LinkedHashMap<>(reported.statistics());
        stats.put("fit-seconds", fitSeconds);
        TrainingSummary summary = new TrainingSummary(reported.epochs(), reported.trainingLoss(),
                reported.validationLoss(), stats);
        Manifest manifest = new Manifest(ModelArchive.FORMAT_VERSION, Sbi4j.version(), run.estimatorEntry(),
                run.simulatorEntry(), run.priorEntry(), run.resolvedConfig(), config.seed, simStats, summary, Map.of(),
                simulations == null ? null : Manifest.DataStatistics.of(simulations.data()), null);
        return new TrainedModel(posterior, run.prior(), run.simulator(), manifest);
    }

    /** Logs training progress. */
    private static final class LoggingListener implements TrainingListener {
        @Override
        public void onEpoch(int epoch, double trainingLoss, double validationLoss) {
            LOG.debug("epoch {}: training loss {}, validation loss {}", epoch,
                    String.format("%.4f", trainingLoss), String.format("%.4f", validationLoss));
        }

        @Override
        public void onMessage(String message) {
            LOG.info(message);
        }
    }
}
