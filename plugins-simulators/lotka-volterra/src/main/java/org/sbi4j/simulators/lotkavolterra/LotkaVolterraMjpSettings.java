package org.sbi4j.simulators.lotkavolterra;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * Settings of the stochastic (Markov-jump) Lotka–Volterra simulator. Defaults follow Papamakarios &amp; Murray
 * (2016) / Papamakarios et al. (2019): X(0) = 50 predators, Y(0) = 100 prey, recorded every 0.2 up to t = 30
 * (151 points), 9 summary statistics, prior log θ ~ U(−5, 2)⁴.
 */
public final class LotkaVolterraMjpSettings implements Settings {

    @Setting("initial number of predators X(0); integer-valued, >= 0")
    public long initialPredators = 50;

    @Setting("initial number of prey Y(0); integer-valued, >= 0")
    public long initialPrey = 100;

    @Setting("end of the simulated time span (time units); finite, > 0")
    public double tMax = 30;

    @Setting("spacing of the recording grid 0, Δ, 2Δ, ... up to t-max (time units); finite, > 0, at most t-max")
    public double recordInterval = 0.2;

    @Setting("maximum number of reaction events per run; a run that needs more (population explosion) is "
            + "marked invalid; >= 1")
    public long maxEvents = 100_000;

    @Setting("total reaction rate below which the state is treated as absorbed (extinction) and kept constant "
            + "to t-max; >= 0")
    public double extinctionRate = 1e-5;

    @Setting("output the raw recorded trajectory (predators at every grid time, then prey) instead of the 9 "
            + "summary statistics")
    public boolean trajectoryOutput = false;

    @Setting("lower bound of log θ in the default log-uniform prior; finite, < prior-log-high")
    public double priorLogLow = -5;

    @Setting("upper bound of log θ in the default log-uniform prior; finite")
    public double priorLogHigh = 2;

    /** Largest recording grid accepted. */
    private static final int MAX_GRID_POINTS = 1_000_000;

    @Override
    public void validate() {
        if (initialPredators < 0) {
            throw new IllegalArgumentException("initial-predators = " + initialPredators + " must be >= 0");
        }
        if (initialPrey < 0) {
            throw new IllegalArgumentException("initial-prey = " + initialPrey + " must be >= 0");
        }
        if (!(tMax > 0) || !Double.isFinite(tMax)) {
            throw new IllegalArgumentException("t-max = " + tMax + " must be finite and > 0");
        }
        if (!(recordInterval > 0 && recordInterval <= tMax)) {
            throw new IllegalArgumentException("record-interval = " + recordInterval + " must lie in (0, t-max = "
                    + tMax + "]");
        }
        if (tMax / recordInterval > MAX_GRID_POINTS) {
            throw new IllegalArgumentException("record-interval = " + recordInterval + " gives more than "
                    + MAX_GRID_POINTS + " grid points up to t-max = " + tMax);
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("max-events = " + maxEvents + " must be >= 1");
        }
        if (!(extinctionRate >= 0) || !Double.isFinite(extinctionRate)) {
            throw new IllegalArgumentException("extinction-rate = " + extinctionRate + " must be finite and >= 0");
        }
        if (!(Double.isFinite(priorLogLow) && Double.isFinite(priorLogHigh) && priorLogLow < priorLogHigh)) {
            throw new IllegalArgumentException("prior-log-low = " + priorLogLow + " and prior-log-high = "
                    + priorLogHigh + " must be finite with prior-log-low < prior-log-high");
        }
    }

    /** The recording times 0, Δ, 2Δ, … ≤ t-max (151 points by default). */
    public double[] recordGrid() {
        int count = (int) Math.floor(tMax / recordInterval * (1 + 1e-9)) + 1;
        double[] grid = new double[count];
        for (int k = 0; k < count; k++) {
            grid[k] = Math.min(k * recordInterval, tMax);
        }
        return grid;
    }
}
