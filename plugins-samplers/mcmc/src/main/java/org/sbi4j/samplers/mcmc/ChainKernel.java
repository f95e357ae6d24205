package org.sbi4j.samplers.mcmc;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One MCMC transition for all chains at once, with its warm-up adaptation. Subclasses keep the chains' positions
 * in unconstrained space and call the target with one batch across chains.
 */
abstract class ChainKernel {
    final Unconstrained target;
    final UniformRandomProvider[] rng;
    final WarmUpSchedule schedule;
    final int chains;
    final int d;
    double[][] u;
    double[] logp;

    ChainKernel(Unconstrained target, UniformRandomProvider[] rng, WarmUpSchedule schedule) {
        this.target = target;
        this.rng = rng;
        this.schedule = schedule;
        this.chains = rng.length;
        this.d = target.dimension();
    }

    /** Sets the starting points (finite density) and evaluates them. */
    void start(double[][] u0) {
        u = new double[chains][];
        for (int c = 0; c < chains; c++) {
            u[c] = u0[c].clone();
        }
        logp = target.logDensity(u);
    }

    /**
     * Advances every chain by one iteration.
     *
     * @param warmUpIteration the 0-based warm-up iteration, or {@code -1} after warm-up (no adaptation)
     */
    abstract void step(int warmUpIteration);

    /** Freezes the adaptation. */
    void endWarmUp() {
    }

    /** The chains' current positions in unconstrained space ({@code chains × d}, not to be modified). */
    double[][] position() {
        return u;
    }

    /** Adds the kernel's statistics after warm-up (acceptance rate, step size, divergences, ...). */
    abstract void statistics(Map<String, Double> out);

    /** Kernel-specific warnings. */
    List<String> warnings() {
        return List.of();
    }

    /** What else raises the effective sample size, appended to the low-ESS warning. */
    String essHint() {
        return "";
    }

    /** A standard normal draw (Marsaglia's polar method: no shared state between calls). */
    static double normal(UniformRandomProvider r) {
        while (true) {
            double x = 2 * r.nextDouble() - 1;
            double y = 2 * r.nextDouble() - 1;
            double s = x * x + y * y;
            if (s > 0 && s < 1) {
                return x * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    /** log U for U uniform on (0, 1]. */
    static double logUniform(UniformRandomProvider r) {
        return Math.log(1.0 - r.nextDouble());
    }
}
