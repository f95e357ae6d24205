package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.plugin.PluginComponent;
import org.sbi4j.runtime.simulate.SimulationBackend;
import org.sbi4j.runtime.simulate.SimulationBackends;
import org.sbi4j.runtime.simulate.SimulationEngine;
import org.sbi4j.runtime.simulate.SimulationRecipe;
import org.sbi4j.runtime.simulate.SimulationStore;
import org.sbi4j.runtime.simulate.StoreIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulation as the config asks for it: on the configured backend ({@code simulation.backend}) and through the
 * configured store ({@code simulation.store}), for training or, in the {@code simulate} job, only to fill the store.
 */
public final class SimulationJob {
    private static final Logger LOG = LoggerFactory.getLogger(SimulationJob.class);

    private final SimulationEngine engine;
    private final SimulationBackends backends;
    private final ComponentResolver resolver;
    private final RuntimeOptions options;

    /**
     * @param engine runs simulations
     * @param backends makes the configured backend
     * @param resolver builds the simulator and the prior
     * @param options home, plugin folder and thread count
     */
    @Inject
    public SimulationJob(SimulationEngine engine, SimulationBackends backends, ComponentResolver resolver,
                         RuntimeOptions options) {
        this.engine = requireNonNull(engine, "engine is null");
        this.backends = requireNonNull(backends, "backends is null");
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * Fills the config's store: simulates only the batches it lacks.
     *
     * @param config the config; {@code simulation.store} must be set
     * @return what was found and simulated
     */
    public SimulationEngine.StoreReport fill(RunConfig config) {
        if (config.simulation.store == null) {
            throw SbiException.userError("nothing to simulate into: give a store folder with --store DIR "
                    + "(or simulation.store in the config); 'sbi4j train' and 'sbi4j run' simulate in memory");
        }
        return simulate(config, resolver.resolveSimulation(config), config.simulation.budget, false).store();
    }

    /**
     * Simulates a run's training bank from the prior.
     *
     * @param run the resolved run
     * @param budget the number of simulations: the config's budget, or its first round's share
     * @return the simulations, and what was done with the store when there is one
     */
    SimulationEngine.Outcome forTraining(ResolvedRun run, int budget) {
        ComponentResolver.Simulation simulation = new ComponentResolver.Simulation(run.simulator(),
                run.simulatorComponent(), (ObjectNode) run.resolvedConfig().get("simulator"), run.prior(),
                run.priorComponent(), (ObjectNode) run.resolvedConfig().get("prior"));
        return simulate(run.config(), simulation, budget, true);
    }

    private SimulationEngine.Outcome simulate(RunConfig config, ComponentResolver.Simulation simulation, int budget,
                                              boolean keep) {
        ObjectNode resolved = SettingsBinder.toNode(config);
        resolved.set("simulator", simulation.simulatorNode());
        resolved.set("prior", simulation.priorNode());
        SimulationRecipe recipe = SimulationRecipe.of(resolved, options.home(), options.pluginDirectory());
        SimulationEngine.Request request = new SimulationEngine.Request(simulation.prior(), simulation.simulator(),
                budget, config.simulation.batchSize, options.threads(config.simulation.threads),
                config.seed, config.simulation.invalid);
        try (SimulationBackend backend = backends.open(config.simulation.backend)) {
            if (config.simulation.store == null) {
                return engine.simulate(request, recipe, backend, null, keep);
            }
            try (SimulationStore store = SimulationStore.open(Path.of(config.simulation.store),
                    identity(config, simulation))) {
                SimulationEngine.Outcome outcome = engine.simulate(request, recipe, counting(backend), store, keep);
                SimulationEngine.StoreReport r = outcome.store();
                LOG.info("simulation store {}: {} of {} batches found, {} simulated{}{}; it holds {} simulations "
                                + "({} failed)", r.store(), r.found(), r.batches(), r.simulated(),
                        r.damaged() > 0 ? " (" + r.damaged() + " damaged)" : "",
                        r.unstored() > 0 ? ", " + r.unstored() + " simulated without storing (the store's is larger)"
                                : "", r.storedSimulations(), r.storedSimulations() - r.storedValid());
                return outcome;
            }
        }
    }

    /** The backend, entering phase {@code stored:<n>} after the n-th batch this job stores (the kill tests' hook). */
    private static SimulationBackend counting(SimulationBackend backend) {
        AtomicInteger stored = new AtomicInteger();
        return (plan, batches, sink, progress) -> backend.run(plan, batches, (b, batch) -> {
            sink.accept(b, batch);
            Phases.enter("stored:" + stored.incrementAndGet());
        }, progress);
    }

    private static StoreIdentity identity(RunConfig config, ComponentResolver.Simulation simulation) {
        PluginComponent sim = simulation.simulatorComponent();
        PluginComponent prior = simulation.priorComponent() != null ? simulation.priorComponent() : sim;
        return new StoreIdentity(simulation.simulatorNode(), sim.plugin().name(), sim.plugin().version(),
                simulation.priorNode(), prior.plugin().name(), prior.plugin().version(), config.seed,
                config.simulation.batchSize, "simulation", simulation.simulator().parameterNames(),
                simulation.simulator().dataNames());
    }
}
