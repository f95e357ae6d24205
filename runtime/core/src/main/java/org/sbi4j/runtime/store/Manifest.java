package org.sbi4j.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.sbi4j.api.TrainingSummary;

/**
 * The provenance of a saved model, stored as {@code manifest.json} at the root of the model zip: which
 * plugins built it (with versions), the fully resolved configuration, the seed, what the simulations and the
 * training did, and the estimator's own string properties.
 *
 * @param formatVersion version of the model file format; see {@link ModelArchive#FORMAT_VERSION}
 * @param sbi4jVersion version of the runtime that wrote the file
 * @param estimator the estimator component
 * @param simulator the simulator component
 * @param prior the prior component ({@code name} is {@code "default"} when the simulator's own prior was used)
 * @param config the resolved run configuration
 * @param seed the master seed
 * @param simulations what the simulation phase produced
 * @param training what the estimator reported
 * @param properties the estimator's saved properties
 * @param data per-component mean and standard deviation of the simulated data the model was trained on, or
 *     {@code null} when it was trained without simulations (or written by a version that did not record them)
 * @param sha256 SHA-256 (hex) of every stored array, keyed by zip entry, and of the properties (key
 *     {@link EntryChecksums#PROPERTIES}); written by {@link ModelArchive.Writer}, verified on load; {@code null} in
 *     files written before sbi4j recorded checksums
 * @param sequential for a posterior trained in sequential rounds, the one observation it answers and what each round
 *     did; {@code null} for an amortised posterior (and in files written before sbi4j trained in rounds)
 */
public record Manifest(int formatVersion, String sbi4jVersion, Component estimator, Component simulator,
                       Component prior, JsonNode config, long seed, SimulationStatistics simulations,
                       TrainingSummary training, Map<String, String> properties, DataStatistics data,
                       Map<String, String> sha256, Sequential sequential) {

    /**
     * A component and the plugin it came from.
     *
     * @param name the factory name
     * @param plugin the plugin class
     * @param pluginVersion the plugin version
     * @param description a human-readable description
     */
    public record Component(String name, String plugin, String pluginVersion, String description) {
    }

    /**
     * Counts and timing of the simulation phase.
     *
     * @param requested simulations requested
     * @param valid simulations kept
     * @param invalid simulations dropped because they failed or returned NaN/∞
     * @param seconds wall time
     */
    public record SimulationStatistics(long requested, long valid, long invalid, double seconds) {
    }

    /**
     * Per-component mean and standard deviation of the simulated data (x), for telling an observation far outside
     * them.
     *
     * @param mean the mean of each data component
     * @param sd the sample standard deviation of each data component (0 for a constant component)
     */
    public record DataStatistics(double[] mean, double[] sd) {

        /**
         * Computes the statistics in one pass (Welford).
         *
         * @param data the simulated data, one row per simulation, all of the same length
         * @return the statistics, or {@code null} when there are no rows or a statistic is not finite
         */
        public static DataStatistics of(double[][] data) {
            if (data == null || data.length == 0) {
                return null;
            }
            int columns = data[0].length;
            double[] mean = new double[columns];
            double[] squares = new double[columns];
            for (int i = 0; i < data.length; i++) {
                for (int j = 0; j < columns; j++) {
                    double delta = data[i][j] - mean[j];
                    mean[j] += delta / (i + 1);
                    squares[j] += delta * (data[i][j] - mean[j]);
                }
            }
            double[] sd = new double[columns];
            for (int j = 0; j < columns; j++) {
                sd[j] = data.length > 1 ? Math.sqrt(Math.max(0, squares[j]) / (data.length - 1)) : 0;
                if (!Double.isFinite(mean[j]) || !Double.isFinite(sd[j])) {
                    return null;
                }
            }
            return new DataStatistics(mean, sd);
        }
    }

    /**
     * What a sequential (truncated-prior) training recorded: the posterior is for {@code observation} only.
     *
     * @param observation x₀, the observation the rounds truncated the prior for
     * @param epsilon the mass outside the highest-density region each later round simulated from
     * @param rounds one entry per round
     */
    public record Sequential(double[] observation, double epsilon, List<Round> rounds) {

        /**
         * Whether an observation is the one this posterior was trained for (equal values, up to 1e-12 relative, so
         * a value written to a file and read back matches).
         *
         * @param x an observation
         * @return true when it is x₀
         */
        public boolean answers(double[] x) {
            if (x.length != observation.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!(Math.abs(x[i] - observation[i]) <= 1e-12 * Math.max(1, Math.abs(observation[i])))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One round of a sequential training.
     *
     * @param round the round, from 1
     * @param simulations simulations requested in this round
     * @param valid the valid ones kept
     * @param logDensityThreshold the highest-density level this round's parameters lie above ({@code null} for round 1,
     *     which simulates from the prior)
     * @param acceptance the fraction of prior draws above that level (1 for round 1)
     * @param trainingSimulations the valid simulations the model after this round was trained on
     * @param fitSeconds wall time of that training
     */
    public record Round(int round, int simulations, int valid, Double logDensityThreshold, double acceptance,
                        int trainingSimulations, double fitSeconds) {
    }

    /**
     * The same manifest with the estimator's saved properties.
     *
     * @param saved the properties
     * @return a copy
     */
    public Manifest withProperties(Map<String, String> saved) {
        return new Manifest(formatVersion, sbi4jVersion, estimator, simulator, prior, config, seed, simulations,
                training, saved, data, sha256, sequential);
    }

    /**
     * The same manifest with the checksums of the stored entries.
     *
     * @param checksums entry → SHA-256 (hex)
     * @return a copy
     */
    public Manifest withSha256(Map<String, String> checksums) {
        return new Manifest(formatVersion, sbi4jVersion, estimator, simulator, prior, config, seed, simulations,
                training, properties, data, checksums, sequential);
    }
}
