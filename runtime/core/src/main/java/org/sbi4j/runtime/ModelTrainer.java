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
     * Simulates and fits; with {@code rounds} above 1, in sequential rounds for the config's one observation
     * ({@link SequentialRounds}).
     *
     * @param run a resolved run
     * @return the trained model
     */
    public TrainedModel train(ResolvedRun run) {
        RunConfig config = run.config();
        RunSizes.check(config, run.estimator(), run.prior().dimension(), run.simulator().dataNames().size());
        int threads = options.threads(config.simulation.threads);
        double[] observation = config.rounds > 1 ? SequentialRounds.observation(run) : null;
        int firstBudget = SequentialRounds.share(config.simulation.budget, config.rounds, 1);
        Simulations simulations = null;
        Manifest.SimulationStatistics simStats = new Manifest.SimulationStatistics(0, 0, 0, 0);
        if (run.estimator().requirements().contains(Capability.SIMULATIONS)) {
            long start = System.nanoTime();
            Phases.enter("simulating");
            if (config.rounds > 1) {
                LOG.info("round 1 of {}: {} simulations from the prior", config.rounds, firstBudget);
                if (config.simulation.store != null) {
                    LOG.warn("simulation.store keeps round 1's {} simulations only: rounds 2 to {} draw from a prior "
                            + "truncated by the previous round's posterior and are simulated in memory, so a job "
                            + "stopped in a later round simulates them again when re-run", firstBudget, config.rounds);
                }
            }
            simulations = simulation.forTraining(run, firstBudget).simulations();
            double seconds = (System.nanoTime() - start) / 1e9;
            simStats = new Manifest.SimulationStatistics(firstBudget, simulations.size(),
                    simulations.invalidCount(), seconds);
            if (simulations.invalidCount() > 0) {
                LOG.warn("{} of {} simulations failed or returned NaN/∞ and were dropped ({} kept)",
                        simulations.invalidCount(), firstBudget, simulations.size());
            }
            RunSizes.requireValid(simulations, firstBudget, run.estimator(), config.estimator.type());
        }
        RunContext context = new RunContext(config.seed, threads, new LoggingListener(), engine, run.simulator(),
                config.simulation);
        long start = System.nanoTime();
        Phases.enter("training");
        Posterior posterior = fit(run, simulations, context);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        Manifest.Sequential sequential = null;
        if (config.rounds > 1) {
            SequentialRounds.Outcome rounds = new SequentialRounds(run, refinement, context, observation)
                    .continueFrom(posterior, simulations, simStats, fitSeconds, this::fit);
            posterior = rounds.posterior();
            simulations = rounds.simulations();
            simStats = rounds.statistics();
            fitSeconds = rounds.fitSeconds();
            sequential = rounds.record();
        }
        posterior = refinement.apply(posterior, run);
        TrainingSummary reported = posterior.trainingSummary();
        Map<String, Double> stats = new LinkedHashMap<>(reported.statistics());
        stats.put("fit-seconds", fitSeconds);
        TrainingSummary summary = new TrainingSummary(reported.epochs(), reported.trainingLoss(),
                reported.validationLoss(), stats);
        Manifest manifest = new Manifest(ModelArchive.FORMAT_VERSION, Sbi4j.version(), run.estimatorEntry(),
                run.simulatorEntry(), run.priorEntry(), run.resolvedConfig(), config.seed, simStats, summary, Map.of(),
                simulations == null ? null : Manifest.DataStatistics.of(simulations.data()), null, sequential);
        return new TrainedModel(posterior, run.prior(), run.simulator(), manifest);
    }

    /** One fit of the run's estimator on a bank, its refusal of the problem turned into a user error. */
    private Posterior fit(ResolvedRun run, Simulations simulations, RunContext context) {
        InferenceProblem problem = new InferenceProblem(run.prior(), run.simulator(), simulations);
        try {
            return run.estimator().fit(problem, context);
        } catch (IllegalArgumentException e) {
            throw SbiException.userError("estimator '" + run.config().estimator.type() + "' rejected the problem: "
                    + e.getMessage());
        }
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
