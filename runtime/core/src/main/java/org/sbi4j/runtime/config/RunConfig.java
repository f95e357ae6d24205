package org.sbi4j.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * A run configuration, one YAML file: which simulator, prior and estimator, how many simulations, which
 * observations to answer, and where to write. Every value except {@code simulator} and {@code estimator}
 * has a default.
 */
public final class RunConfig implements Settings {
    /** The sampler name meaning: sample the trained posterior itself. */
    public static final String DIRECT = "direct";

    @Setting("master seed: the same seed gives the same simulations, model and samples")
    public long seed = 42;

    @Setting("the simulator: {type: <name>, <setting>: <value>, ...}; list them with 'sbi4j plugins'")
    public ComponentSpec simulator;

    @Setting("the prior: {type: default} uses the simulator's own prior; else e.g. {type: box-uniform, low: [...], high: [...]}")
    public ComponentSpec prior = new ComponentSpec("default", java.util.Map.of());

    @Setting("the estimator: {type: <name>, <setting>: <value>, ...}; list them with 'sbi4j plugins'")
    public ComponentSpec estimator;

    @Setting("simulation budget, batch size, threads and failure policy")
    public SimulationSpec simulation = new SimulationSpec();

    @Setting("sequential rounds: 1 (default) trains an amortised posterior for any observation; R > 1 trains a "
            + "posterior for the config's one observation in R rounds, the budget split equally (the first rounds take "
            + "the remainder): round 1 simulates from the prior, each later round from the prior truncated to the "
            + "current posterior's highest-density region (see truncation), and every round retrains from scratch on "
            + "all simulations so far")
    public int rounds = 1;

    @Setting("with rounds > 1: how the prior is truncated to the posterior's highest-density region")
    public TruncationSpec truncation = new TruncationSpec();

    @Setting("observations to answer: a list of {file: obs.csv}, {values: [...]} or {reference: N}; "
            + "{file: obs.csv, iid: true} answers the rows of the file as i.i.d. observations of one θ (nre, nle, likelihood)")
    public List<ObservationSpec> observations = new ArrayList<>();

    @Setting("posterior samples drawn per observation")
    public int samples = 10_000;

    @Setting("how posterior samples are drawn: {type: direct} samples the trained posterior itself; a sampler such "
            + "as {type: importance-sampling} draws from the exact posterior with the likelihood; list them with "
            + "'sbi4j plugins'")
    public ComponentSpec sampler = new ComponentSpec(DIRECT, java.util.Map.of());

    @Setting("shorthand kept for older configs: 'refine: importance-sampling' is "
            + "'sampler: {type: importance-sampling}'")
    public RefineSpec refine = new RefineSpec();

    @Setting("checks run at the end of 'sbi4j run': calibration, distances to a reference, predictive check, report")
    public DiagnosticsSpec diagnostics = new DiagnosticsSpec();

    @Setting("output folder for the model, the samples and the summary (relative to the sbi4j home)")
    public String output = "runs/latest";

    /**
     * The sampler in effect: {@code sampler}, or the one the {@code refine} shorthand names.
     *
     * @return the sampler's spec; type {@link #DIRECT} for none
     */
    public ComponentSpec effectiveSampler() {
        return refine.enabled() ? refine.asSampler() : sampler;
    }

    /**
     * The folder a run writes into.
     *
     * @param override a folder replacing {@code output}, or {@code null}
     * @return the override, else {@code output}
     */
    public Path outputFolder(Path override) {
        return override != null ? override : Path.of(output);
    }

    @Override
    public void validate() {
        if (simulator == null || simulator.type() == null) {
            throw new IllegalArgumentException("the config has no simulator: add 'simulator: {type: <name>}' "
                    + "(list the names with 'sbi4j plugins')");
        }
        if (estimator == null || estimator.type() == null) {
            throw new IllegalArgumentException("the config has no estimator: add 'estimator: {type: <name>}' "
                    + "(list the names with 'sbi4j plugins')");
        }
        if (prior == null || prior.type() == null) {
            throw new IllegalArgumentException("prior needs a type: use {type: default} for the simulator's own prior");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples = " + samples + " must be at least 1");
        }
        simulation.validate();
        truncation.validate();
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds = " + rounds + " must be at least 1 (1 trains an amortised "
                    + "posterior)");
        }
        if (rounds > simulation.budget) {
            throw new IllegalArgumentException("rounds = " + rounds + " exceeds simulation.budget = "
                    + simulation.budget + ": every round needs simulations");
        }
        refine.validate();
        if (sampler == null || sampler.type() == null) {
            throw new IllegalArgumentException("sampler needs a type: use {type: direct} to sample the trained posterior");
        }
        if (refine.enabled() && !DIRECT.equals(sampler.type())) {
            throw new IllegalArgumentException("the config sets both 'refine' and 'sampler'; keep only "
                    + "'sampler: {type: " + sampler.type() + "}'");
        }
        diagnostics.validate();
        for (int i = 0; i < observations.size(); i++) {
            ObservationSpec o = observations.get(i);
            int given = (o.file != null ? 1 : 0) + (o.values != null ? 1 : 0) + (o.reference != null ? 1 : 0);
            if (given != 1) {
                throw new IllegalArgumentException("observations[" + i + "] must give exactly one of file, values "
                        + "or reference (it gives " + given + ")");
            }
        }
    }
}
