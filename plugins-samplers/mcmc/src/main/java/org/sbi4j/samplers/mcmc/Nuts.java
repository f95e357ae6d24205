package org.sbi4j.samplers.mcmc;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Setting;

/**
 * The No-U-Turn sampler, multinomial variant as in Stan (Betancourt 2017): the trajectory doubles in a random
 * direction until it turns back on itself (the generalised criterion on the sum of momenta, with Stan's extra
 * checks across merged subtrees) or reaches the maximum depth; states are drawn within each subtree in proportion
 * to exp(−H), and subtrees replace the current draw by biased progressive sampling. Step size and diagonal mass
 * matrix adapt as in {@link Hmc}. Subtrees are built iteratively so that chains advance in lockstep: each leapfrog
 * step of every chain still building its trajectory is one batched gradient call.
 */
final class Nuts extends GradientSampler {
    /** Settings of {@code nuts}. */
    public static final class Settings extends GradientSampler.Settings {
        @Setting("the most trajectory doublings per iteration, 1 to 15 (at most 2^max-depth leapfrog steps)")
        public int maxDepth = 10;

        @Override
        public void validate() {
            super.validate();
            requireBetween("max-depth", maxDepth, 1, 15);
        }
    }

    Nuts(Settings settings) {
        super("nuts", settings, (target, streams, initialScale, schedule) -> new Kernel(target, streams, schedule,
                initialScale, settings.maxDepth, settings.targetAcceptance, settings.restartStuckChains));
    }

    /** One chain's trajectory under construction. */
    private static final class Tree {
        final int d;
        // ends of the whole trajectory: index 0 the backward end, 1 the forward end
        final double[][] endQ = new double[2][];
        final double[][] endP = new double[2][];
        final double[][] endG = new double[2][];
        final double[] endLp = new double[2];
        double[] sampleQ;
        double[] sampleG;
        double sampleLp;
        double logW;
        double[] rho;
        double h0;
        int depth;
        int direction;
        // the subtree being built
        int steps;
        double[][] subP;
        double[][] prefix;
        double[] subSampleQ;
        double[] subSampleG;
        double subSampleLp;
        double subLogW;
        boolean finished;
        boolean divergent;
        double acceptSum;
        int acceptCount;

        Tree(int d) {
            this.d = d;
        }
    }

    private static final class Kernel extends Hmc.Kernel {
        private final int maxDepth;
        private long depthSum;
        private long depthHits;

        Kernel(Unconstrained target, UniformRandomProvider[] rng, WarmUpSchedule schedule, double[] initialScale,
               int maxDepth, double targetAcceptance, boolean restartStuckChains) {
            super(target, rng, schedule, initialScale, 1, targetAcceptance, restartStuckChains);
            this.maxDepth = maxDepth;
        }

        @Override
        void step(int it) {
            double[] stepSize = new double[chains];
            Tree[] trees = new Tree[chains];
            double[][] q = new double[chains][];
            double[][] p = new double[chains][];
            double[][] g = new double[chains][];
            for (int c = 0; c < chains; c++) {
                double e = it >= 0 ? eps[c] : eps[c] * (0.9 + 0.2 * rng[c].nextDouble());
                Tree t = new Tree(d);
                double[] p0 = momentum(c);
                t.h0 = -logp[c] + kinetic(c, p0);
                for (int k = 0; k < 2; k++) {
                    t.endQ[k] = u[c].clone();
                    t.endP[k] = p0.clone();
                    t.endG[k] = grad[c].clone();
                    t.endLp[k] = logp[c];
                }
                t.sampleQ = u[c];
                t.sampleG = grad[c];
                t.sampleLp = logp[c];
                t.logW = -t.h0;
                t.rho = p0.clone();
                t.depth = 0;
                trees[c] = t;
                stepSize[c] = e;
                startSubtree(c, t, q, p, g, stepSize, e);
            }
            while (true) {
                int[] which = IntStream.range(0, chains).filter(c -> !trees[c].finished).toArray();
                if (which.length == 0) {
                    break;
                }
                double[] lp = leapfrog(which, q, p, g, stepSize);
                for (int k = 0; k < which.length; k++) {
                    int c = which[k];
                    Tree t = trees[c];
                    boolean subtreeDone = addState(c, t, q[c], p[c], g[c], lp[k]);
                    if (subtreeDone && !t.finished) {
                        merge(c, t, q[c], p[c], g[c], lp[k]);
                        if (!t.finished) {
                            startSubtree(c, t, q, p, g, stepSize, Math.abs(stepSize[c]));
                        }
                    }
                }
            }
            for (int c = 0; c < chains; c++) {
                Tree t = trees[c];
                u[c] = t.sampleQ;
                logp[c] = t.sampleLp;
                grad[c] = t.sampleG;
                double alpha = t.acceptCount == 0 ? 0 : t.acceptSum / t.acceptCount;
                record(c, alpha, t.divergent, it);
                if (it < 0) {
                    depthSum += t.depth;
                    depthHits += t.depth >= maxDepth ? 1 : 0;
                }
            }
            if (it >= 0) {
                adapt(it);
            }
        }

        /** Starts a subtree of 2^depth steps in a random direction from the trajectory's end there. */
        private void startSubtree(int c, Tree t, double[][] q, double[][] p, double[][] g, double[] stepSize,
                                  double e) {
            t.direction = rng[c].nextBoolean() ? 1 : -1;
            int end = t.direction > 0 ? 1 : 0;
            q[c] = t.endQ[end].clone();
            p[c] = t.endP[end].clone();
            g[c] = t.endG[end].clone();
            stepSize[c] = t.direction * e;
            int size = 1 << t.depth;
            t.steps = 0;
            t.subP = new double[size][];
            t.prefix = new double[size + 1][];
            t.prefix[0] = new double[d];
            t.subLogW = Double.NEGATIVE_INFINITY;
        }

        /**
         * Adds the state a leapfrog step reached to chain c's subtree.
         *
         * @return whether the subtree is complete (or abandoned, which also finishes the trajectory)
         */
        private boolean addState(int c, Tree t, double[] q, double[] p, double[] g, double lp) {
            double h = -lp + kinetic(c, p);
            double error = h - t.h0;
            t.acceptSum += Double.isNaN(error) ? 0 : Math.min(1.0, Math.exp(-error));
            t.acceptCount++;
            if (!(error <= Hmc.DIVERGENCE)) {
                t.divergent = true;
                t.finished = true;
                return true;
            }
            int n = t.steps++;
            t.subP[n] = p.clone();
            double[] pre = t.prefix[n].clone();
            for (int i = 0; i < d; i++) {
                pre[i] += p[i];
            }
            t.prefix[n + 1] = pre;
            double logW = t.subLogW;
            t.subLogW = logAddExp(logW, -h);
            if (Math.log(rng[c].nextDouble()) < -h - t.subLogW) {
                t.subSampleQ = q.clone();
                t.subSampleG = g.clone();
                t.subSampleLp = lp;
            }
            // U-turns of every aligned block ending here, with Stan's extra checks across its halves
            for (int s = 2; s <= n + 1 && (n + 1) % s == 0; s *= 2) {
                int a = n + 1 - s;
                int mid = a + s / 2 - 1;
                if (uTurn(c, sub(t.prefix, a, n), t.subP[a], t.subP[n])
                        || s > 2 && (uTurn(c, sub(t.prefix, a, mid + 1), t.subP[a], t.subP[mid + 1])
                        || uTurn(c, sub(t.prefix, mid, n), t.subP[mid], t.subP[n]))) {
                    t.finished = true;
                    return true;
                }
            }
            return t.steps == t.subP.length;
        }

        /** Merges a complete, valid subtree into chain c's trajectory and checks the whole for a U-turn. */
        private void merge(int c, Tree t, double[] lastQ, double[] lastP, double[] lastG, double lastLp) {
            int near = t.direction > 0 ? 1 : 0;
            int far = 1 - near;
            double[] newFarP = t.subP[t.subP.length - 1];
            double[] firstP = t.subP[0];
            double[] rhoSub = t.prefix[t.subP.length];
            double[] oldNearP = t.endP[near];
            double[] oldFarP = t.endP[far];
            // biased progressive sampling between the old trajectory and the new subtree
            if (Math.log(rng[c].nextDouble()) < t.subLogW - t.logW) {
                t.sampleQ = t.subSampleQ;
                t.sampleG = t.subSampleG;
                t.sampleLp = t.subSampleLp;
            }
            t.logW = logAddExp(t.logW, t.subLogW);
            double[] rhoAll = add(t.rho, rhoSub);
            boolean turned = uTurn(c, rhoAll, oldFarP, newFarP)
                    || uTurn(c, add(t.rho, firstP), oldFarP, firstP)
                    || uTurn(c, add(oldNearP, rhoSub), oldNearP, newFarP);
            t.rho = rhoAll;
            // the new end of the trajectory in the subtree's direction is the subtree's last state
            t.endQ[near] = lastQ.clone();
            t.endP[near] = lastP.clone();
            t.endG[near] = lastG.clone();
            t.endLp[near] = lastLp;
            t.depth++;
            if (turned || t.depth >= maxDepth) {
                t.finished = true;
            }
        }

        /** The generalised no-U-turn criterion: the trajectory turned if ρ·M⁻¹p ≤ 0 at either end. */
        private boolean uTurn(int c, double[] rho, double[] pMinus, double[] pPlus) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < d; i++) {
                a += invMetric[c][i] * pMinus[i] * rho[i];
                b += invMetric[c][i] * pPlus[i] * rho[i];
            }
            return !(a > 0 && b > 0);
        }

        private double[] sub(double[][] prefix, int from, int to) {
            double[] out = new double[d];
            for (int i = 0; i < d; i++) {
                out[i] = prefix[to + 1][i] - prefix[from][i];
            }
            return out;
        }

        private static double[] add(double[] a, double[] b) {
            double[] out = a.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] += b[i];
            }
            return out;
        }

        private static double logAddExp(double a, double b) {
            if (a == Double.NEGATIVE_INFINITY) {
                return b;
            }
            if (b == Double.NEGATIVE_INFINITY) {
                return a;
            }
            double m = Math.max(a, b);
            return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
        }

        @Override
        void statistics(Map<String, Double> out) {
            super.statistics(out);
            out.put("mean-tree-depth", iterations == 0 ? Double.NaN : depthSum / (double) iterations);
            out.put("max-depth-hits", (double) depthHits);
        }

        @Override
        List<String> warnings() {
            List<String> out = new java.util.ArrayList<>(super.warnings());
            if (depthHits > 0.1 * iterations) {
                out.add(String.format("%d of %d iterations after warm-up stopped at max-depth = %d before the "
                        + "trajectory turned, so the chains explore slowly; raise max-depth", depthHits, iterations,
                        maxDepth));
            }
            return out;
        }

        @Override
        String essHint() {
            return ", or raise warm-up so that the mass matrix adapts";
        }
    }
}
