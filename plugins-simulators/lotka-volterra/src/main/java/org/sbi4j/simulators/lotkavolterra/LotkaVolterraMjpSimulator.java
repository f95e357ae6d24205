package org.sbi4j.simulators.lotkavolterra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;

/**
 * The stochastic Lotka–Volterra model as a Markov jump process (the SNL benchmark), simulated exactly with
 * Gillespie's direct method.
 *
 * <p>State: X predators, Y prey, from (50, 100) by default. θ = (θ₁, θ₂, θ₃, θ₄) are the rates of predator birth
 * θ₁XY, predator death θ₂X, prey birth θ₃Y and predation θ₄XY (a prey is eaten). The state is recorded every
 * 0.2 time units up to t = 30 (151 points) and reduced to 9 summary statistics ({@link MjpSummaryStatistics}:
 * log(1 + mean) and log(1 + variance) per series, autocorrelations at lags 1 and 2 per series, and the
 * cross-correlation), or returned raw (predators at every grid time, then prey) with {@code trajectory-output}.
 *
 * <p>Guards: when the total rate falls below {@code extinction-rate} (in practice: both species extinct) the
 * state is absorbing, the remaining grid holds that state and the row is <em>valid</em> (extinction is an
 * informative outcome, and the summaries stay finite). A run that needs more than {@code max-events} events
 * (population explosion) is <em>invalid</em>, as is a row with a negative or non-finite rate. Default prior:
 * log θᵢ ~ U(−5, 2) independently. Immutable and thread-safe.
 */
public final class LotkaVolterraMjpSimulator implements Simulator {

    /** Parameter names, in order. */
    public static final List<String> PARAMETER_NAMES =
            List.of("predator_birth", "predator_death", "prey_birth", "predation");

    private final double[] grid;
    private final long predators0;
    private final long prey0;
    private final long maxEvents;
    private final double extinctionRate;
    private final boolean trajectoryOutput;
    private final List<String> dataNames;
    private final Prior prior;

    /** The default (SNL) configuration. */
    public LotkaVolterraMjpSimulator() {
        this(new LotkaVolterraMjpSettings());
    }

    /**
     * @param settings the configuration; validated here
     */
    public LotkaVolterraMjpSimulator(LotkaVolterraMjpSettings settings) {
        settings.validate();
        this.grid = settings.recordGrid();
        this.predators0 = settings.initialPredators;
        this.prey0 = settings.initialPrey;
        this.maxEvents = settings.maxEvents;
        this.extinctionRate = settings.extinctionRate;
        this.trajectoryOutput = settings.trajectoryOutput;
        if (trajectoryOutput) {
            List<String> names = new ArrayList<>(2 * grid.length);
            for (int k = 1; k <= grid.length; k++) {
                names.add("predators_" + k);
            }
            for (int k = 1; k <= grid.length; k++) {
                names.add("prey_" + k);
            }
            this.dataNames = List.copyOf(names);
        } else {
            if (grid.length < 3) {
                throw new IllegalArgumentException("the summary statistics need at least 3 recording times; t-max = "
                        + settings.tMax + " and record-interval = " + settings.recordInterval + " give " + grid.length);
            }
            this.dataNames = MjpSummaryStatistics.NAMES;
        }
        this.prior = new LogUniformPrior(settings.priorLogLow, settings.priorLogHigh, PARAMETER_NAMES);
    }

    @Override
    public List<String> parameterNames() {
        return PARAMETER_NAMES;
    }

    @Override
    public List<String> dataNames() {
        return dataNames;
    }

    /** log θᵢ ~ U(prior-log-low, prior-log-high) independently, U(−5, 2) by default. */
    @Override
    public Optional<Prior> defaultPrior() {
        return Optional.of(prior);
    }

    /** The recording times (a copy). */
    public double[] recordTimes() {
        return grid.clone();
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        int n = theta.length;
        double[][] data = new double[n][];
        boolean[] valid = new boolean[n];
        GillespieLotkaVolterra gillespie = new GillespieLotkaVolterra(grid, predators0, prey0, maxEvents,
                extinctionRate);
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        int width = dataNames.size();
        for (int i = 0; i < n; i++) {
            double[] th = theta[i];
            if (th.length != 4) {
                throw new IllegalArgumentException("θ row " + i + " has " + th.length + " components, expected 4 "
                        + PARAMETER_NAMES);
            }
            double[] row = new double[width];
            data[i] = row;
            if (!validRates(th) || gillespie.run(th, rng, exponential) == GillespieLotkaVolterra.TOO_MANY_EVENTS) {
                Arrays.fill(row, Double.NaN);
                continue;
            }
            if (trajectoryOutput) {
                System.arraycopy(gillespie.predators(), 0, row, 0, grid.length);
                System.arraycopy(gillespie.prey(), 0, row, grid.length, grid.length);
            } else {
                MjpSummaryStatistics.compute(gillespie.predators(), gillespie.prey(), row);
            }
            valid[i] = true;
        }
        return SimulationResult.of(data, valid);
    }

    private static boolean validRates(double[] th) {
        for (double v : th) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "LotkaVolterraMjpSimulator(start=(" + predators0 + ", " + prey0 + "), grid=" + grid.length
                + " points to " + grid[grid.length - 1] + ", output=" + (trajectoryOutput ? "trajectory" : "summary")
                + ")";
    }
}
