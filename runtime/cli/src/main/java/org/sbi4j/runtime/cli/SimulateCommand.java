package org.sbi4j.runtime.cli;

import java.io.PrintWriter;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.simulate.SimulationEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code sbi4j simulate}: fill a simulation store, nothing else; {@code train} and {@code run} read it later. */
@Command(name = "simulate", description = "Only simulate: fill a simulation store (--store) with the batches it "
        + "lacks. A killed run resumes where it stopped; a larger budget extends the store.")
final class SimulateCommand implements Runnable {
    @ParentCommand
    Sbi4jCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Override
    public void run() {
        Sbi4j sbi = parent.runtime();
        RunConfig config = options.load(sbi);
        SimulationEngine.StoreReport r = sbi.simulate(config);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("sbi4j simulate: simulator %s, prior %s, seed %d, budget %d in %d batches of %d%n",
                config.simulator.type(), config.prior.type(), config.seed, config.simulation.budget, r.batches(),
                config.simulation.batchSize);
        out.printf("batches: %d found in the store, %d simulated%s in %.2f s%n", r.found(), r.simulated(),
                r.damaged() > 0 ? " (" + r.damaged() + " of them were damaged and simulated again)" : "",
                r.seconds());
        out.printf("store: %s (%d simulations, %d valid, %d failed)%n", r.store(), r.storedSimulations(),
                r.storedValid(), r.storedSimulations() - r.storedValid());
    }
}
