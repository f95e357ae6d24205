package org.sbi4j.simulators.lotkavolterra;

import java.util.Arrays;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * Settings of the deterministic Lotka–Volterra ODE simulator with log-normal observation noise.
 *
 * <p>The defaults are exactly the sbibm {@code lotka_volterra} task: X(0) = 30 prey, Y(0) = 1 predator,
 * t ∈ [0, 20], observations at t = 0, 2.1, …, 18.9 (10 per species; data = 10 prey values then 10 predator
 * values), clamping to [1e-10, 1e4], log-normal noise with σ = 0.1, and an adaptive solve at
 * rtol = atol = 1e-8 (sbibm: Tsit5 at the same tolerances).
 */
public final class LotkaVolterraOdeSettings implements Settings {

    @Setting("initial prey population X(0); finite, > 0")
    public double initialPrey = 30;

    @Setting("initial predator population Y(0); finite, > 0")
    public double initialPredators = 1;

    @Setting("end of the simulated time span (time units); finite, > 0")
    public double tMax = 20;

    @Setting("explicit observation times, strictly ascending within [0, t-max]; empty = the regular grid "
            + "0, observation-interval, 2·observation-interval, ... up to t-max")
    public double[] observationTimes = {};

    @Setting("spacing of the regular observation grid used when observation-times is empty (time units); "
            + "finite, > 0")
    public double observationInterval = 2.1;

    @Setting("standard deviation of the log-normal observation noise (on the log scale); finite, > 0")
    public double noiseSigma = 0.1;

    @Setting("lower clamp applied to the ODE solution before the noise; finite, > 0")
    public double clampMin = 1e-10;

    @Setting("upper clamp applied to the ODE solution before the noise; finite, > clamp-min")
    public double clampMax = 1e4;

    @Setting("output log x instead of x (then the noise is Gaussian with sd noise-sigma on that scale)")
    public boolean logOutput = false;

    @Setting("relative tolerance of the adaptive Dormand-Prince 5(4) solver; in [1e-14, 1e-2]")
    public double relativeTolerance = 1e-8;

    @Setting("absolute tolerance of the adaptive Dormand-Prince 5(4) solver; in [1e-16, 1]")
    public double absoluteTolerance = 1e-8;

    @Setting("maximum number of solver steps per simulation before the run is marked invalid; >= 10")
    public int maxSteps = 100_000;

    /** Tolerance used when deciding whether a grid point k·interval still lies within t-max. */
    private static final double GRID_SLACK = 1e-9;
    /** Largest regular observation grid accepted. */
    private static final int MAX_GRID_POINTS = 100_000;

    @Override
    public void validate() {
        positive("initial-prey", initialPrey);
        positive("initial-predators", initialPredators);
        positive("t-max", tMax);
        positive("noise-sigma", noiseSigma);
        positive("clamp-min", clampMin);
        if (!(clampMax > clampMin) || !Double.isFinite(clampMax)) {
            throw new IllegalArgumentException("clamp-max = " + clampMax + " must be finite and above clamp-min = "
                    + clampMin);
        }
        if (!(relativeTolerance >= 1e-14 && relativeTolerance <= 1e-2)) {
            throw new IllegalArgumentException("relative-tolerance = " + relativeTolerance
                    + " must lie in [1e-14, 1e-2]");
        }
        if (!(absoluteTolerance >= 1e-16 && absoluteTolerance <= 1)) {
            throw new IllegalArgumentException("absolute-tolerance = " + absoluteTolerance
                    + " must lie in [1e-16, 1]");
        }
        if (maxSteps < 10) {
            throw new IllegalArgumentException("max-steps = " + maxSteps + " must be at least 10");
        }
        if (observationTimes == null || observationTimes.length == 0) {
            positive("observation-interval", observationInterval);
            if (tMax / observationInterval > MAX_GRID_POINTS) {
                throw new IllegalArgumentException("observation-interval = " + observationInterval + " gives more than "
                        + MAX_GRID_POINTS + " observation times up to t-max = " + tMax + "; choose a larger interval");
            }
        } else {
            for (int i = 0; i < observationTimes.length; i++) {
                double t = observationTimes[i];
                if (!(t >= 0 && t <= tMax)) {
                    throw new IllegalArgumentException("observation-times[" + i + "] = " + t
                            + " must lie in [0, t-max = " + tMax + "]");
                }
                if (i > 0 && !(t > observationTimes[i - 1])) {
                    throw new IllegalArgumentException("observation-times must be strictly ascending: ["
                            + i + "] = " + t + " follows " + observationTimes[i - 1]);
                }
            }
        }
    }

    /**
     * The observation times these settings define: {@link #observationTimes} when given, otherwise
     * k·{@link #observationInterval} for k = 0, 1, … while within {@link #tMax} (0, 2.1, …, 18.9 by default).
     *
     * @return a fresh ascending array
     */
    public double[] observationGrid() {
        if (observationTimes != null && observationTimes.length > 0) {
            return observationTimes.clone();
        }
        int count = (int) Math.floor(tMax / observationInterval * (1 + GRID_SLACK)) + 1;
        double[] grid = new double[count];
        for (int k = 0; k < count; k++) {
            grid[k] = Math.min(k * observationInterval, tMax);
        }
        return grid;
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " must be finite and > 0");
        }
    }

    @Override
    public String toString() {
        return "LotkaVolterraOdeSettings(initial=(" + initialPrey + ", " + initialPredators + "), t-max=" + tMax
                + ", times=" + Arrays.toString(observationGrid()) + ", sigma=" + noiseSigma + ", clamp=[" + clampMin
                + ", " + clampMax + "], log=" + logOutput + ", rtol=" + relativeTolerance + ", atol="
                + absoluteTolerance + ", max-steps=" + maxSteps + ")";
    }
}
