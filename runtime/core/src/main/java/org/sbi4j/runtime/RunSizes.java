package org.sbi4j.runtime;

import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.runtime.config.DiagnosticsSpec;
import org.sbi4j.runtime.config.RunConfig;

/**
 * The sizes of a run, checked before any work: the simulation budget against the minimum the estimator states
 * ({@link Estimator#minimumSimulations()}), and the budget, the samples and the diagnostics against the heap
 * ({@link HeapBudget}); once simulated, the valid simulations against the minimum again.
 */
public final class RunSizes {
    /** Copies of the simulation bank alive at once: the runtime's rows and the estimator's own copy. */
    static final int BANK_COPIES = 2;

    private RunSizes() {
    }

    /**
     * Checks a resolved config before anything is simulated.
     *
     * @param config the config
     * @param estimator the built estimator
     * @param parameters the number of parameters
     * @param dataLength the length of x
     */
    static void check(RunConfig config, Estimator estimator, int parameters, int dataLength) {
        int budget = config.simulation.budget;
        if (estimator.requirements().contains(Capability.SIMULATIONS)) {
            int minimum = minimum(estimator, config.estimator.type());
            if (budget < minimum) {
                throw SbiException.userError("simulation.budget = " + budget + " is below the " + minimum
                        + " simulations estimator '" + config.estimator.type() + "' needs to train with these "
                        + "settings; raise simulation.budget to at least " + minimum + " (more if some simulations "
                        + "may fail), or change the estimator settings that set its minimum ('sbi4j plugins "
                        + "--verbose' describes them)");
            }
            HeapBudget.require("simulation.budget", budget, budget + " simulations of " + parameters
                    + " parameters and " + dataLength + " data values, held by the runtime and by the estimator",
                    BANK_COPIES * (HeapBudget.rows(budget, parameters) + HeapBudget.rows(budget, dataLength)));
        }
        requireSamples("samples", config.samples, parameters);
        if (config.diagnostics.enabled) {
            requireDiagnostics(config.diagnostics, parameters, dataLength, "diagnostics.");
        }
    }

    /**
     * Refuses fewer valid simulations than the estimator needs, after simulating.
     *
     * @param simulations the valid simulations
     * @param budget the simulations requested
     * @param estimator the estimator
     * @param estimatorName its name in the config
     */
    static void requireValid(Simulations simulations, int budget, Estimator estimator, String estimatorName) {
        int minimum = minimum(estimator, estimatorName);
        if (simulations.size() < minimum) {
            throw SbiException.userError("only " + simulations.size() + " of " + budget + " simulations are "
                    + "valid (" + simulations.invalidCount() + " failed or returned NaN/∞), below the " + minimum
                    + " estimator '" + estimatorName + "' needs to train; raise simulation.budget so that at least "
                    + minimum + " succeed, or check the simulator and the prior");
        }
    }

    /**
     * Refuses a number of posterior samples whose rows do not fit in the heap.
     *
     * @param setting the setting that asks for them, e.g. {@code --samples}
     * @param samples how many
     * @param parameters the number of parameters
     */
    public static void requireSamples(String setting, long samples, int parameters) {
        HeapBudget.require(setting, samples, samples + " posterior samples of " + parameters + " parameters",
                HeapBudget.rows(samples, parameters));
    }

    /**
     * Refuses diagnostics whose posterior draws do not fit in the heap: the calibration draws (N prior draws ×
     * L posterior draws, held together) and the draws of one predictive check.
     *
     * @param spec the sizes
     * @param parameters the number of parameters
     * @param dataLength the length of x
     * @param prefix how the settings are spelled: {@code diagnostics.} in a config, {@code --} on the command line
     */
    public static void requireDiagnostics(DiagnosticsSpec spec, int parameters, int dataLength, String prefix) {
        long simulations = spec.calibrationSimulations();
        if (simulations > 0) {
            long rows = simulations * spec.draws;
            String setting = spec.draws >= simulations ? "draws" : spec.sbc >= spec.coverage ? "sbc" : "coverage";
            long value = setting.equals("draws") ? spec.draws : simulations;
            HeapBudget.require(prefix + setting, value, simulations + " calibration simulations × " + spec.draws
                    + " posterior draws of " + parameters + " parameters", HeapBudget.rows(rows, parameters));
        }
        HeapBudget.require(prefix + "predictive", spec.predictive, spec.predictive + " posterior draws of "
                + parameters + " parameters, each simulated to " + dataLength + " data values",
                HeapBudget.rows(spec.predictive, parameters) + HeapBudget.rows(spec.predictive, dataLength));
    }

    private static int minimum(Estimator estimator, String estimatorName) {
        int minimum = estimator.minimumSimulations();
        if (minimum < 1) {
            throw new SbiException(org.sbi4j.api.ErrorType.INTERNAL_ERROR, "estimator '" + estimatorName
                    + "' states a minimum of " + minimum + " simulations; minimumSimulations() must be at least 1");
        }
        return minimum;
    }
}
