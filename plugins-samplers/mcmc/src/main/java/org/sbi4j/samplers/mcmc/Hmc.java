package org.sbi4j.samplers.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Setting;

/**
 * Hamiltonian Monte Carlo in unconstrained space: a fixed number of leapfrog steps with a diagonal mass matrix,
 * then a Metropolis correction on the energy. During warm-up each chain's step size follows Nesterov dual
 * averaging (Hoffman and Gelman 2014) towards the target acceptance rate, and the inverse mass matrix is set to
 * the variances of the draws of the slow windows (pooled over chains, regularised as in Stan), after which the
 * step size search restarts. After warm-up the step size is frozen and jittered by ±10% per iteration so a fixed
 * trajectory length cannot resonate with the target. The chains' leapfrog steps are taken together: each step is
 * one batched gradient call across chains. An iteration whose energy error exceeds 1000 is a divergence: it is
 * rejected and counted.
 */
final class Hmc extends GradientSampler {
    /** An energy error above this is a divergence. */
    static final double DIVERGENCE = 1000;
    /** Fewer chains than this never restart: their median says too little about where the posterior is. */
    static final int MIN_CHAINS_TO_RESTART = 4;

    /**
     * How far below the chains' median log density a chain counts as stuck at a warm-up window's end:
     * 25 + 5·sqrt(d / 2) nats. Near a Gaussian mode the log density of a draw spreads with standard deviation
     * sqrt(d / 2), so a chain in the posterior's bulk falls this far below the median with negligible probability,
     * while a chain stranded in a far, lower region (a flow's extrapolation, say) is hundreds of nats below.
     *
     * @param d dimension
     * @return the gap in nats
     */
    static double restartGap(int d) {
        return 25 + 5 * Math.sqrt(d / 2.0);
    }

    /** Settings of {@code hmc}. */
    public static final class Settings extends GradientSampler.Settings {
        @Setting("mean leapfrog steps per iteration, 1 to 1000 (each iteration draws its number uniformly from 1 to "
                + "2 × steps − 1); the trajectory length is about steps × step size, with the step size adapted during "
                + "warm-up")
        public int steps = 16;

        @Override
        public void validate() {
            super.validate();
            requireBetween("steps", steps, 1, 1000);
        }
    }

    Hmc(Settings settings) {
        super("hmc", settings, (target, streams, initialScale, schedule) -> new Kernel(target, streams, schedule,
                initialScale, settings.steps, settings.targetAcceptance, settings.restartStuckChains));
    }

    /** Leapfrog trajectories of all chains at once, with dual averaging of each chain's step size. */
    static class Kernel extends ChainKernel {
        final int steps;
        final DualAveraging adaptation;
        final double[][] invMetric;
        final Moments moments;
        /** Each chain's draws of the current slow window, to estimate the scales without stuck chains; or null. */
        final Moments[] chainMoments;
        double[][] grad;
        double[] eps;
        long iterations;
        double acceptance;
        long divergences;
        long warmUpDivergences;
        long restarts;

        Kernel(Unconstrained target, UniformRandomProvider[] rng, WarmUpSchedule schedule, double[] initialScale,
               int steps, double targetAcceptance, boolean restartStuckChains) {
            super(target, rng, schedule);
            this.steps = steps;
            adaptation = new DualAveraging(chains, targetAcceptance);
            invMetric = new double[chains][d];
            for (int c = 0; c < chains; c++) {
                for (int i = 0; i < d; i++) {
                    invMetric[c][i] = initialScale[i] * initialScale[i];
                }
            }
            moments = new Moments(d, false);
            if (restartStuckChains && chains >= MIN_CHAINS_TO_RESTART) {
                chainMoments = new Moments[chains];
                for (int c = 0; c < chains; c++) {
                    chainMoments[c] = new Moments(d, false);
                }
            } else {
                chainMoments = null;
            }
        }

        @Override
        void start(double[][] u0) {
            u = new double[chains][];
            for (int c = 0; c < chains; c++) {
                u[c] = u0[c].clone();
            }
            grad = new double[chains][d];
            logp = target.logDensityGradient(u, grad);
            eps = reasonableStepSizes();
            adaptation.restart(eps);
        }

        /** Kinetic energy ½ pᵀ M⁻¹ p of chain c. */
        double kinetic(int c, double[] p) {
            double k = 0;
            for (int i = 0; i < d; i++) {
                k += invMetric[c][i] * p[i] * p[i];
            }
            return 0.5 * k;
        }

        /** A momentum p ~ N(0, M) for chain c. */
        double[] momentum(int c) {
            double[] p = new double[d];
            for (int i = 0; i < d; i++) {
                p[i] = normal(rng[c]) / Math.sqrt(invMetric[c][i]);
            }
            return p;
        }

        /**
         * One leapfrog step of the listed chains, with one batched gradient call.
         *
         * @return the new log densities of the listed chains (in list order)
         */
        double[] leapfrog(int[] which, double[][] q, double[][] p, double[][] g, double[] stepSize) {
            double[][] batch = new double[which.length][];
            for (int k = 0; k < which.length; k++) {
                int c = which[k];
                double e = stepSize[c];
                for (int i = 0; i < d; i++) {
                    p[c][i] += 0.5 * e * g[c][i];
                    q[c][i] += e * invMetric[c][i] * p[c][i];
                }
                batch[k] = q[c];
            }
            double[][] newGrad = new double[which.length][d];
            double[] lp = target.logDensityGradient(batch, newGrad);
            for (int k = 0; k < which.length; k++) {
                int c = which[k];
                g[c] = newGrad[k];
                double e = stepSize[c];
                for (int i = 0; i < d; i++) {
                    p[c][i] += 0.5 * e * g[c][i];
                }
            }
            return lp;
        }

        /**
         * Hoffman and Gelman's heuristic, for all chains at once: double or halve each chain's step size until the
         * acceptance probability of one leapfrog step crosses one half.
         */
        double[] reasonableStepSizes() {
            double[] e = new double[chains];
            java.util.Arrays.fill(e, 1.0);
            double[][] p0 = new double[chains][];
            double[] h0 = new double[chains];
            for (int c = 0; c < chains; c++) {
                p0[c] = momentum(c);
                h0[c] = -logp[c] + kinetic(c, p0[c]);
            }
            int[] direction = new int[chains];
            boolean[] done = new boolean[chains];
            for (int round = 0; round < 60; round++) {
                List<Integer> open = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    if (!done[c]) {
                        open.add(c);
                    }
                }
                if (open.isEmpty()) {
                    break;
                }
                int[] which = open.stream().mapToInt(Integer::intValue).toArray();
                double[][] q = new double[chains][];
                double[][] p = new double[chains][];
                double[][] g = new double[chains][];
                for (int c : which) {
                    q[c] = u[c].clone();
                    p[c] = p0[c].clone();
                    g[c] = grad[c].clone();
                }
                double[] lp = leapfrog(which, q, p, g, e);
                for (int k = 0; k < which.length; k++) {
                    int c = which[k];
                    double logA = h0[c] - (-lp[k] + kinetic(c, p[c]));
                    if (Double.isNaN(logA)) {
                        logA = Double.NEGATIVE_INFINITY;
                    }
                    boolean high = logA > Math.log(0.5);
                    if (direction[c] == 0) {
                        direction[c] = high ? 1 : -1;
                    }
                    if ((direction[c] == 1) != high || e[c] < 1e-8 || e[c] > 1e6) {
                        done[c] = true;
                        if (direction[c] == 1 && !high) {
                            e[c] /= 2;
                        }
                    } else {
                        e[c] = direction[c] == 1 ? e[c] * 2 : e[c] / 2;
                    }
                }
            }
            return e;
        }

        @Override
        void step(int it) {
            double[] stepSize = new double[chains];
            double[][] p = new double[chains][];
            double[] h0 = new double[chains];
            double[][] q = new double[chains][];
            double[][] g = new double[chains][];
            for (int c = 0; c < chains; c++) {
                stepSize[c] = it >= 0 ? eps[c] : eps[c] * (0.9 + 0.2 * rng[c].nextDouble());
                p[c] = momentum(c);
                h0[c] = -logp[c] + kinetic(c, p[c]);
                q[c] = u[c].clone();
                g[c] = grad[c].clone();
            }
            double[] lpq = new double[chains];
            boolean[] diverged = new boolean[chains];
            int[] length = new int[chains];
            for (int c = 0; c < chains; c++) {
                length[c] = steps == 1 ? 1 : 1 + rng[c].nextInt(2 * steps - 1);
            }
            for (int l = 0; l < 2 * steps; l++) {
                int step = l;
                int[] which = java.util.stream.IntStream.range(0, chains)
                        .filter(c -> !diverged[c] && step < length[c]).toArray();
                if (which.length == 0) {
                    break;
                }
                double[] lp = leapfrog(which, q, p, g, stepSize);
                for (int k = 0; k < which.length; k++) {
                    int c = which[k];
                    lpq[c] = lp[k];
                    double error = -lp[k] + kinetic(c, p[c]) - h0[c];
                    if (!(error <= DIVERGENCE)) {
                        diverged[c] = true;
                    }
                }
            }
            for (int c = 0; c < chains; c++) {
                double logA = diverged[c] ? Double.NEGATIVE_INFINITY : h0[c] - (-lpq[c] + kinetic(c, p[c]));
                double alpha = logA >= 0 ? 1.0 : Math.exp(logA);
                if (logUniform(rng[c]) < logA) {
                    u[c] = q[c];
                    logp[c] = lpq[c];
                    grad[c] = g[c];
                }
                record(c, alpha, diverged[c], it);
            }
            if (it >= 0) {
                adapt(it);
            }
        }

        /** Accumulates the statistics of one transition of chain c. */
        void record(int c, double alpha, boolean diverged, int it) {
            if (it < 0) {
                iterations++;
                acceptance += alpha;
                divergences += diverged ? 1 : 0;
            } else {
                warmUpDivergences += diverged ? 1 : 0;
                eps[c] = adaptation.update(c, alpha);
            }
        }

        /** The metric's windows, after the chains moved in warm-up iteration {@code it}. */
        void adapt(int it) {
            if (chainMoments != null && schedule.endsInitialBuffer(it)) {
                boolean[] stuck = stuckChains();
                if (stuck != null) {
                    restart(stuck);
                }
            }
            if (schedule.inSlowWindow(it)) {
                for (int c = 0; c < chains; c++) {
                    moments.add(u[c]);
                    if (chainMoments != null) {
                        chainMoments[c].add(u[c]);
                    }
                }
            }
            if (schedule.endsWindow(it)) {
                Moments window = moments;
                if (chainMoments != null) {
                    boolean[] stuck = stuckChains();
                    if (stuck != null) {
                        // the window's scales from the other chains only, then the stuck ones join them
                        window = new Moments(d, false);
                        for (int c = 0; c < chains; c++) {
                            if (!stuck[c]) {
                                window.merge(chainMoments[c]);
                            }
                        }
                        restart(stuck);
                    }
                    for (Moments m : chainMoments) {
                        m.reset();
                    }
                }
                double[][] cov = window.regularisedCovariance();
                for (int c = 0; c < chains; c++) {
                    for (int i = 0; i < d; i++) {
                        invMetric[c][i] = cov[i][i];
                    }
                }
                moments.reset();
                eps = reasonableStepSizes();
                adaptation.restart(eps);
            }
        }

        /**
         * The chains whose log density lies more than {@link #restartGap} below the chains' median, or {@code null}
         * when there are none (the common case: then nothing changes, not even a random draw).
         */
        boolean[] stuckChains() {
            double[] sorted = logp.clone();
            java.util.Arrays.sort(sorted);
            double median = 0.5 * (sorted[(chains - 1) / 2] + sorted[chains / 2]);
            double floor = median - restartGap(d);
            boolean[] stuck = new boolean[chains];
            boolean any = false;
            for (int c = 0; c < chains; c++) {
                stuck[c] = !(logp[c] >= floor);
                any |= stuck[c];
            }
            return any ? stuck : null;
        }

        /** Moves each stuck chain to the state of another chain, drawn uniformly from the others with its stream. */
        void restart(boolean[] stuck) {
            int[] good = java.util.stream.IntStream.range(0, chains).filter(c -> !stuck[c]).toArray();
            for (int c = 0; c < chains; c++) {
                if (stuck[c]) {
                    int k = good[rng[c].nextInt(good.length)];
                    u[c] = u[k].clone();
                    logp[c] = logp[k];
                    grad[c] = grad[k].clone();
                    // and its step size, so that it does not crawl (and hold the batch up) until the next window
                    eps[c] = eps[k];
                    adaptation.copy(k, c);
                    restarts++;
                }
            }
        }

        @Override
        void endWarmUp() {
            if (schedule.warmUp() > 0) {
                eps = adaptation.finalStepSizes();
            }
        }

        @Override
        void statistics(Map<String, Double> out) {
            out.put("acceptance-rate", iterations == 0 ? Double.NaN : acceptance / iterations);
            double mean = 0;
            for (double e : eps) {
                mean += e / chains;
            }
            out.put("step-size", mean);
            out.put("divergences", (double) divergences);
            out.put("warm-up-divergences", (double) warmUpDivergences);
            out.put("restarted-chains", (double) restarts);
        }

        @Override
        List<String> warnings() {
            if (divergences == 0) {
                return List.of();
            }
            return List.of(String.format("%d of %d iterations after warm-up diverged (energy error > %.0f): the "
                    + "posterior has regions of high curvature the step size cannot follow, so the draws may be "
                    + "biased; raise target-acceptance towards 0.95 and warm-up", divergences, iterations,
                    DIVERGENCE));
        }

        @Override
        String essHint() {
            return ", or raise steps (now " + steps + ")";
        }
    }
}
