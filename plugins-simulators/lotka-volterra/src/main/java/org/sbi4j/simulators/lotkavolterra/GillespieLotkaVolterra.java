package org.sbi4j.simulators.lotkavolterra;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Exact simulation of the Lotka–Volterra Markov jump process by Gillespie's direct method, recorded on a
 * time grid. State: X predators, Y prey. Reactions and rates:
 * predator birth θ₁XY (X+1), predator death θ₂X (X−1), prey birth θ₃Y (Y+1), prey eaten θ₄XY (Y−1).
 *
 * <p>Waiting times are exponential with the total rate; the reaction is chosen with probability proportional
 * to its rate. The state recorded at grid time t is the state after every event at or before t. When the total
 * rate falls below the extinction threshold the state is absorbing and is kept to the end of the grid. More
 * than {@code maxEvents} events fail the run. Buffers are reused across runs; not thread-safe.
 */
final class GillespieLotkaVolterra {
    /** The run reached the end of the grid. */
    static final int COMPLETED = 0;
    /** The run reached an absorbing (extinct) state and was kept constant to the end of the grid. */
    static final int EXTINCT = 1;
    /** The run needed more than the allowed number of events. */
    static final int TOO_MANY_EVENTS = 2;

    private final double[] grid;
    private final long predators0;
    private final long prey0;
    private final long maxEvents;
    private final double extinctionRate;
    private final double[] predators;
    private final double[] prey;
    private long events;

    GillespieLotkaVolterra(double[] grid, long predators0, long prey0, long maxEvents, double extinctionRate) {
        this.grid = grid;
        this.predators0 = predators0;
        this.prey0 = prey0;
        this.maxEvents = maxEvents;
        this.extinctionRate = extinctionRate;
        this.predators = new double[grid.length];
        this.prey = new double[grid.length];
    }

    /**
     * Simulates one run.
     *
     * @param theta (θ₁, θ₂, θ₃, θ₄), non-negative rates
     * @param rng the source of randomness
     * @param exponential a standard exponential sampler over the same rng
     * @return {@link #COMPLETED}, {@link #EXTINCT} or {@link #TOO_MANY_EVENTS}
     */
    int run(double[] theta, UniformRandomProvider rng, ZigguratSampler.Exponential exponential) {
        final double th1 = theta[0];
        final double th2 = theta[1];
        final double th3 = theta[2];
        final double th4 = theta[3];
        final double[] grid = this.grid;
        final int n = grid.length;
        long x = predators0;
        long y = prey0;
        double t = 0;
        int k = 0;
        long count = 0;
        while (true) {
            final double xy = (double) x * (double) y;
            final double r1 = th1 * xy;
            final double r2 = th2 * x;
            final double r3 = th3 * y;
            final double r4 = th4 * xy;
            final double total = r1 + r2 + r3 + r4;
            if (!(total >= extinctionRate)) {
                for (; k < n; k++) {
                    predators[k] = x;
                    prey[k] = y;
                }
                events = count;
                return EXTINCT;
            }
            t += exponential.sample() / total;
            while (k < n && grid[k] < t) {
                predators[k] = x;
                prey[k] = y;
                k++;
            }
            if (k == n) {
                events = count;
                return COMPLETED;
            }
            if (++count > maxEvents) {
                events = count;
                return TOO_MANY_EVENTS;
            }
            final double u = rng.nextDouble() * total;
            if (u < r1) {
                x++;
            } else if (u < r1 + r2) {
                x--;
            } else if (u < r1 + r2 + r3) {
                y++;
            } else {
                y--;
            }
        }
    }

    /** Predators at the grid times of the last run. */
    double[] predators() {
        return predators;
    }

    /** Prey at the grid times of the last run. */
    double[] prey() {
        return prey;
    }

    /** Events of the last run. */
    long events() {
        return events;
    }
}
