package org.sbi4j.estimators.abc;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Simulations;

/**
 * Rejection ABC. Fitting only stores the simulation bank (flattened) and the data scales; the rejection itself
 * happens when the posterior is sampled, for whichever observation it is given.
 */
final class RejectionAbcEstimator implements Estimator {
    private final AbcOptions options;

    RejectionAbcEstimator(AbcOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    public Set<Capability> requirements() {
        return Set.of(Capability.SIMULATIONS);
    }

    /** The simulations kept per observation ({@code keep}, 100 by default); 1 when selecting by {@code quantile}. */
    @Override
    public int minimumSimulations() {
        return options.minimumBankSize();
    }

    @Override
    public Posterior fit(InferenceProblem problem, FitContext context) {
        Simulations simulations = problem.requireSimulations();
        int parameters = problem.prior().dimension();
        int data = problem.simulator().dataNames().size();
        SimulationBank bank = SimulationBank.of(simulations, parameters, data, options.scale());
        RejectionAbcPosterior posterior =
                new RejectionAbcPosterior(problem.prior(), problem.simulator().dataNames(), bank, options);
        context.listener().onMessage("rejection-abc: " + bank.size() + " simulations in the bank, the "
                + posterior.keptCount() + " closest kept per observation");
        return posterior;
    }
}
