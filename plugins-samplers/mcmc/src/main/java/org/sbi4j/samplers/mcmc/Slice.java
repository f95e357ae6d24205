package org.sbi4j.samplers.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.spi.Setting;

/**
 * Coordinate-wise slice sampling (Neal 2003) in unconstrained space, with stepping out and shrinkage, vectorised
 * across chains: every stepping-out round and every shrinkage round gathers the proposals of all chains still
 * working on the coordinate into one batched density call. The initial interval widths are the spread of the
 * proposal draws; during warm-up they are reset to 2.5 × the standard deviations of the slow windows' draws
 * (pooled over chains), and are frozen after. Any width gives a valid chain; a good one only saves evaluations.
 * Needs no gradient and no tuning of an acceptance rate: every iteration moves.
 */
final class Slice extends ChainSampler {
    private static final int MAX_SHRINK = 200;

    /** Settings of {@code slice}. */
    public static final class Settings extends ChainSettings {
        @Setting("the most stepping-out steps per coordinate and iteration (at least 1): the slice interval "
                + "grows by at most this many widths")
        public int maxStepsOut = 32;

        @Override
        public void validate() {
            super.validate();
            requireBetween("max-steps-out", maxStepsOut, 1, Integer.MAX_VALUE);
        }
    }

    Slice(Settings settings) {
        super("slice", settings, (target, streams, initialScale, schedule) -> new Kernel(target, streams, schedule,
                initialScale, settings.maxStepsOut));
    }

    private static final class Kernel extends ChainKernel {
        private final int maxStepsOut;
        private final double[] width;
        private final Moments moments;
        private long iterations;
        private long calls;
        private long rows;
        private long stuck;

        Kernel(Unconstrained target, UniformRandomProvider[] rng, WarmUpSchedule schedule, double[] initialScale,
               int maxStepsOut) {
            super(target, rng, schedule);
            this.maxStepsOut = maxStepsOut;
            width = initialScale.clone();
            moments = new Moments(d, false);
        }

        @Override
        void step(int it) {
            for (int j = 0; j < d; j++) {
                coordinate(j, it < 0);
            }
            if (it < 0) {
                iterations++;
                return;
            }
            if (schedule.inSlowWindow(it)) {
                for (int c = 0; c < chains; c++) {
                    moments.add(u[c]);
                }
            }
            if (schedule.endsWindow(it)) {
                double[][] cov = moments.regularisedCovariance();
                for (int i = 0; i < d; i++) {
                    width[i] = 2.5 * Math.sqrt(cov[i][i]);
                }
                moments.reset();
            }
        }

        /** One slice update of coordinate j for every chain. */
        private void coordinate(int j, boolean count) {
            double w = width[j];
            double[] level = new double[chains];
            double[] x0 = new double[chains];
            double[] left = new double[chains];
            double[] right = new double[chains];
            int[] leftSteps = new int[chains];
            int[] rightSteps = new int[chains];
            for (int c = 0; c < chains; c++) {
                level[c] = logp[c] + logUniform(rng[c]);
                x0[c] = u[c][j];
                left[c] = x0[c] - w * rng[c].nextDouble();
                right[c] = left[c] + w;
                leftSteps[c] = (int) Math.floor(maxStepsOut * rng[c].nextDouble());
                rightSteps[c] = maxStepsOut - 1 - leftSteps[c];
            }
            // stepping out: each round evaluates both open ends of every chain in one batch
            boolean[] leftOpen = new boolean[chains];
            boolean[] rightOpen = new boolean[chains];
            for (int c = 0; c < chains; c++) {
                leftOpen[c] = leftSteps[c] > 0;
                rightOpen[c] = rightSteps[c] > 0;
            }
            while (true) {
                List<double[]> batch = new ArrayList<>();
                List<Integer> owner = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    if (leftOpen[c]) {
                        batch.add(with(u[c], j, left[c]));
                        owner.add(c);
                    }
                    if (rightOpen[c]) {
                        batch.add(with(u[c], j, right[c]));
                        owner.add(-c - 1);
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                double[] lp = evaluate(batch, count);
                for (int k = 0; k < lp.length; k++) {
                    int o = owner.get(k);
                    if (o >= 0) {
                        if (lp[k] > level[o]) {
                            left[o] -= w;
                            leftOpen[o] = --leftSteps[o] > 0;
                        } else {
                            leftOpen[o] = false;
                        }
                    } else {
                        int c = -o - 1;
                        if (lp[k] > level[c]) {
                            right[c] += w;
                            rightOpen[c] = --rightSteps[c] > 0;
                        } else {
                            rightOpen[c] = false;
                        }
                    }
                }
            }
            // shrinkage: each round proposes for every chain still looking, in one batch
            boolean[] done = new boolean[chains];
            for (int round = 0; round < MAX_SHRINK; round++) {
                List<double[]> batch = new ArrayList<>();
                List<Integer> owner = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    if (!done[c]) {
                        double x1 = left[c] + (right[c] - left[c]) * rng[c].nextDouble();
                        batch.add(with(u[c], j, x1));
                        owner.add(c);
                    }
                }
                if (batch.isEmpty()) {
                    return;
                }
                double[] lp = evaluate(batch, count);
                for (int k = 0; k < lp.length; k++) {
                    int c = owner.get(k);
                    double x1 = batch.get(k)[j];
                    if (lp[k] > level[c]) {
                        u[c] = batch.get(k);
                        logp[c] = lp[k];
                        done[c] = true;
                    } else if (x1 < x0[c]) {
                        left[c] = x1;
                    } else {
                        right[c] = x1;
                    }
                }
            }
            for (int c = 0; c < chains; c++) {
                if (!done[c] && count) {
                    stuck++;
                }
            }
        }

        private double[] evaluate(List<double[]> batch, boolean count) {
            if (count) {
                calls++;
                rows += batch.size();
            }
            return target.logDensity(batch.toArray(double[][]::new));
        }

        private static double[] with(double[] x, int j, double v) {
            double[] out = x.clone();
            out[j] = v;
            return out;
        }

        @Override
        void statistics(Map<String, Double> out) {
            double draws = (double) iterations * chains;
            out.put("evaluations-per-iteration", draws == 0 ? Double.NaN : rows / draws);
            out.put("batched-calls-per-iteration", iterations == 0 ? Double.NaN : calls / (double) iterations);
            out.put("acceptance-rate", 1.0 - (draws == 0 ? 0 : stuck / (draws * d)));
        }

        @Override
        List<String> warnings() {
            if (stuck == 0) {
                return List.of();
            }
            return List.of(stuck + " slice updates after warm-up found no point of the slice in " + MAX_SHRINK
                    + " shrinkage steps and stayed put: the target is extremely narrow in some coordinate or not "
                    + "continuous; check the target, or raise warm-up so that the widths adapt");
        }

        @Override
        String essHint() {
            return ", or use hmc when the target has a gradient (strongly correlated parameters mix slowly "
                    + "coordinate by coordinate)";
        }
    }
}
