package org.sbi4j.runtime.diagnostics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.descriptive.Quantile;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.simulate.SimulationEngine;

/**
 * The posterior predictive check: simulate x at posterior draws θₖ and ask whether x₀ looks like one of them.
 *
 * <p>Two summaries. Per data dimension j, the predictive quantile of x₀ⱼ (the fraction of simulated xⱼ below it,
 * ties counted half): values near 0 or 1 mean the model cannot reproduce that feature of the data. Overall, the
 * distance of x₀ to the predictive mean, each dimension scaled by its predictive standard deviation, is
 * compared with the same distance for the simulated x: the predictive p-value is the fraction of simulations at
 * least as far out as x₀. Simulations that fail or return NaN/∞ are counted and left out.
 */
public final class PosteriorPredictiveCheck {
    /** A dimension is flagged when x₀ lies outside the central 99% of its predictive distribution. */
    public static final double EXTREME_QUANTILE = 0.005;

    private PosteriorPredictiveCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param dataNames the names of the data dimensions
     * @param simulations the simulations run
     * @param invalid simulations that failed or returned NaN/∞
     * @param predictive the valid simulated data, {@code K × D}
     * @param quantiles the predictive quantile of x₀ in each dimension
     * @param extremeDimensions dimensions where x₀ is outside the central 99% of the predictive distribution
     * @param distance the scaled distance of x₀ to the predictive mean
     * @param medianSimulatedDistance the median of the same distance over the simulations
     * @param pValue the fraction of simulations at least as far from the predictive mean as x₀
     */
    public record Result(List<String> dataNames, int simulations, int invalid, @JsonIgnore double[][] predictive,
                         double[] quantiles, List<String> extremeDimensions, double distance,
                         double medianSimulatedDistance, double pValue) {

        /** A one-line reading of the check for people. */
        public String verdict() {
            String dims = extremeDimensions.isEmpty() ? "no data dimension is extreme"
                    : extremeDimensions.size() + " of " + dataNames.size() + " data dimensions are outside the central "
                    + "99% of the predictive distribution (" + String.join(", ", extremeDimensions.subList(0,
                            Math.min(5, extremeDimensions.size()))) + (extremeDimensions.size() > 5 ? ", …" : "")
                    + "; about " + String.format("%.1f", 0.01 * dataNames.size()) + " expected by chance)";
            String overall = pValue < 0.01 ? "the observation is atypical for the posterior predictive distribution"
                    + String.format(" (p = %.3g)", pValue) + ": model misfit, or a posterior that misses the data"
                    : String.format("the observation is typical of the posterior predictive distribution (p = %.2f)",
                    pValue);
            return overall + "; " + dims;
        }
    }

    /**
     * Simulates at the posterior draws and compares with the observation.
     *
     * @param simulator the simulator
     * @param posteriorDraws θₖ, {@code K × d}
     * @param observation x₀
     * @param seed the seed of the simulation noise
     * @param threads worker threads
     * @return the check
     */
    public static Result check(Simulator simulator, double[][] posteriorDraws, double[] observation, long seed,
                               int threads) {
        List<String> names = simulator.dataNames();
        if (posteriorDraws.length < 2) {
            throw SbiException.userError("the posterior predictive check needs at least 2 posterior draws, got "
                    + posteriorDraws.length);
        }
        if (observation.length != names.size()) {
            throw SbiException.userError("the observation has " + observation.length + " values but the simulator "
                    + "produces " + names.size());
        }
        SimulationResult result = SimulationEngine.simulateAt(simulator, posteriorDraws, 100, threads, seed,
                "predictive");
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            if (result.isValid(i)) {
                rows.add(result.row(i));
            }
        }
        int invalid = posteriorDraws.length - rows.size();
        if (rows.size() < 2) {
            throw SbiException.userError("the posterior predictive check got " + rows.size() + " valid simulations out "
                    + "of " + posteriorDraws.length + "; the simulator fails at the posterior draws");
        }
        double[][] x = rows.toArray(double[][]::new);
        int k = x.length;
        int dims = names.size();
        double[] quantiles = new double[dims];
        double[] mean = new double[dims];
        double[] scale = new double[dims];
        List<String> extreme = new ArrayList<>();
        for (int j = 0; j < dims; j++) {
            double below = 0;
            double sum = 0;
            for (double[] row : x) {
                below += row[j] < observation[j] ? 1 : row[j] == observation[j] ? 0.5 : 0;
                sum += row[j];
            }
            quantiles[j] = below / k;
            mean[j] = sum / k;
            double ss = 0;
            for (double[] row : x) {
                ss += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
            double sd = Math.sqrt(ss / (k - 1));
            scale[j] = sd > 0 ? sd : 1;
            if (quantiles[j] < EXTREME_QUANTILE || quantiles[j] > 1 - EXTREME_QUANTILE) {
                extreme.add(names.get(j));
            }
        }
        double observed = distance(observation, mean, scale);
        double[] simulated = new double[k];
        int atLeast = 0;
        for (int i = 0; i < k; i++) {
            simulated[i] = distance(x[i], mean, scale);
            if (simulated[i] >= observed) {
                atLeast++;
            }
        }
        double median = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).evaluate(simulated, 0.5);
        return new Result(names, posteriorDraws.length, invalid, x, quantiles, List.copyOf(extreme), observed, median,
                (atLeast + 1.0) / (k + 1.0));
    }

    private static double distance(double[] x, double[] mean, double[] scale) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double z = (x[j] - mean[j]) / scale[j];
            s += z * z;
        }
        return Math.sqrt(s);
    }
}
