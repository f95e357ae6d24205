package org.sbi4j.samplers.mcmc;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Setting;

/**
 * Adaptive Gaussian random-walk Metropolis–Hastings in unconstrained space. Each chain proposes u' = u + s L z
 * with z standard normal, where L L' is the proposal covariance, estimated from the draws of all chains in the
 * warm-up's slow windows (pooled: one chain's strongly autocorrelated draws estimate it poorly; regularised towards
 * a small multiple of the identity), and each chain's log s follows a
 * Robbins–Monro recursion towards the target acceptance rate (0.234, optimal for a Gaussian random walk in many
 * dimensions). Both are frozen after warm-up, so the kept chain is a plain Metropolis–Hastings chain. All
 * chains' proposals are evaluated in one batch.
 */
final class MetropolisHastings extends ChainSampler {
    /** Settings of {@code metropolis-hastings}. */
    public static final class Settings extends ChainSettings {
        @Setting("acceptance rate the proposal scale adapts to during warm-up, in (0, 1); 0.234 is optimal for a "
                + "Gaussian random walk in many dimensions, about 0.44 in one")
        public double targetAcceptance = 0.234;

        /** Defaults that work without tuning: random-walk draws are strongly autocorrelated, so keep one in 5. */
        public Settings() {
            thin = 5;
        }

        @Override
        public void validate() {
            super.validate();
            requireOpenUnit("target-acceptance", targetAcceptance);
        }
    }

    MetropolisHastings(Settings settings) {
        super("metropolis-hastings", settings, (target, streams, initialScale, schedule) -> new Kernel(target, streams, schedule,
                initialScale, settings.targetAcceptance));
    }

    private static final class Kernel extends ChainKernel {
        private final double targetAcceptance;
        private final double[][][] cholesky;
        private final double[] logScale;
        private final Moments moments;
        private final int[] adaptCount;
        private long proposals;
        private double accepted;

        Kernel(Unconstrained target, UniformRandomProvider[] rng, WarmUpSchedule schedule, double[] initialScale,
               double targetAcceptance) {
            super(target, rng, schedule);
            this.targetAcceptance = targetAcceptance;
            cholesky = new double[chains][d][d];
            logScale = new double[chains];
            moments = new Moments(d, true);
            adaptCount = new int[chains];
            for (int c = 0; c < chains; c++) {
                for (int i = 0; i < d; i++) {
                    cholesky[c][i][i] = initialScale[i];
                }
                logScale[c] = Math.log(2.38 / Math.sqrt(d));
            }
        }

        @Override
        void step(int it) {
            double[][] proposal = new double[chains][d];
            for (int c = 0; c < chains; c++) {
                double[] z = new double[d];
                for (int i = 0; i < d; i++) {
                    z[i] = normal(rng[c]);
                }
                double s = Math.exp(logScale[c]);
                for (int i = 0; i < d; i++) {
                    double step = 0;
                    for (int j = 0; j <= i; j++) {
                        step += cholesky[c][i][j] * z[j];
                    }
                    proposal[c][i] = u[c][i] + s * step;
                }
            }
            double[] lp = target.logDensity(proposal);
            for (int c = 0; c < chains; c++) {
                double logRatio = lp[c] - logp[c];
                double alpha = logRatio >= 0 ? 1.0 : Math.exp(logRatio);
                if (logUniform(rng[c]) < logRatio) {
                    u[c] = proposal[c];
                    logp[c] = lp[c];
                }
                if (it < 0) {
                    proposals++;
                    accepted += alpha;
                    continue;
                }
                adaptCount[c]++;
                logScale[c] += (alpha - targetAcceptance) / Math.pow(adaptCount[c], 0.6);
                if (schedule.inSlowWindow(it)) {
                    moments.add(u[c]);
                }
            }
            if (it >= 0 && schedule.endsWindow(it)) {
                double[][] l = Linear.cholesky(moments.regularisedCovariance());
                for (int c = 0; l != null && c < chains; c++) {
                    cholesky[c] = l;
                    logScale[c] = Math.log(2.38 / Math.sqrt(d));
                    adaptCount[c] = 0;
                }
                moments.reset();
            }
        }

        @Override
        void statistics(Map<String, Double> out) {
            out.put("acceptance-rate", proposals == 0 ? Double.NaN : accepted / proposals);
            double mean = 0;
            for (double s : logScale) {
                mean += Math.exp(s) / chains;
            }
            out.put("proposal-scale", mean);
        }

        @Override
        String essHint() {
            return ", or use hmc when the target has a gradient";
        }
    }
}
