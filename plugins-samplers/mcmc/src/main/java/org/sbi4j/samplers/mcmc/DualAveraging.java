package org.sbi4j.samplers.mcmc;

/**
 * Nesterov dual averaging of each chain's log step size towards a target acceptance probability, with Hoffman
 * and Gelman's (2014) constants: γ = 0.05, t₀ = 10, κ = 0.75, shrinking towards log(10 ε₀).
 */
final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;

    private final double delta;
    private final double[] mu;
    private final double[] hBar;
    private final double[] logEpsBar;
    private final long[] t;

    DualAveraging(int chains, double targetAcceptance) {
        delta = targetAcceptance;
        mu = new double[chains];
        hBar = new double[chains];
        logEpsBar = new double[chains];
        t = new long[chains];
    }

    /** Starts again from step sizes {@code eps}. */
    void restart(double[] eps) {
        for (int c = 0; c < mu.length; c++) {
            mu[c] = Math.log(10 * eps[c]);
            hBar[c] = 0;
            logEpsBar[c] = Math.log(eps[c]);
            t[c] = 0;
        }
    }

    /** Chain {@code to} takes over chain {@code from}'s adaptation state (a restarted chain). */
    void copy(int from, int to) {
        mu[to] = mu[from];
        hBar[to] = hBar[from];
        logEpsBar[to] = logEpsBar[from];
        t[to] = t[from];
    }

    /**
     * One update of chain c after a transition with acceptance probability {@code alpha}.
     *
     * @return the step size for the next transition
     */
    double update(int c, double alpha) {
        t[c]++;
        double w = 1.0 / (t[c] + T0);
        hBar[c] = (1 - w) * hBar[c] + w * (delta - alpha);
        double logEps = mu[c] - Math.sqrt(t[c]) / GAMMA * hBar[c];
        double eta = Math.pow(t[c], -KAPPA);
        logEpsBar[c] = eta * logEps + (1 - eta) * logEpsBar[c];
        return Math.exp(logEps);
    }

    /** The averaged step sizes, used after warm-up. */
    double[] finalStepSizes() {
        double[] out = new double[mu.length];
        for (int c = 0; c < mu.length; c++) {
            out[c] = Math.exp(logEpsBar[c]);
        }
        return out;
    }
}
