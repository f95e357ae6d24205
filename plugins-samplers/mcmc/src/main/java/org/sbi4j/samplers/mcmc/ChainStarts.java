package org.sbi4j.samplers.mcmc;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.SbiException;

/**
 * Where chains start: importance resampling of proposal draws. Many draws of the proposal are weighed by
 * target / proposal when the proposal has a density (else by the target alone) and one start per chain is
 * resampled, without replacement while enough draws have positive weight (Gumbel top-k), so chains start
 * apart. Also gives the draws' spread in unconstrained space, each chain's first guess of its scales.
 *
 * @param u {@code chains × d} starting points in unconstrained space
 * @param scale per-coordinate standard deviation of the proposal draws in unconstrained space
 */
record ChainStarts(double[][] u, double[] scale) {

    static ChainStarts draw(SamplingProblem problem, Unconstrained target, int chains, int candidates,
                            UniformRandomProvider rng) {
        int m = Math.max(candidates, chains);
        double[][] theta = problem.proposal().sample(m, rng);
        int d = target.dimension();
        double[][] u = new double[m][];
        boolean[] inside = new boolean[m];
        for (int i = 0; i < m; i++) {
            u[i] = target.toUnconstrained(theta[i]);
            inside[i] = true;
            for (double v : u[i]) {
                inside[i] &= Double.isFinite(v);
            }
        }
        double[] logTarget = target.logDensity(u);
        double[] logProposal = problem.proposal().hasLogDensity() ? problem.proposal().logDensity(theta) : null;
        double[] key = new double[m];
        int positive = 0;
        for (int i = 0; i < m; i++) {
            // the target in θ: the density in u less its log-Jacobian
            double w = inside[i] ? logTarget[i] - target.logJacobian(u[i]) : Double.NEGATIVE_INFINITY;
            if (logProposal != null) {
                w = Double.isFinite(logProposal[i]) ? w - logProposal[i] : Double.NEGATIVE_INFINITY;
            }
            if (!inside[i] || Double.isNaN(w)) {
                w = Double.NEGATIVE_INFINITY;
            }
            if (w > Double.NEGATIVE_INFINITY) {
                positive++;
            }
            key[i] = w;
        }
        if (positive == 0) {
            throw SbiException.userError("none of the " + m + " proposal draws has a positive target density "
                    + "inside the prior's bounds, so the chains have nowhere to start (and a chain started at zero "
                    + "density could never leave it); check the observation (its values, their order and units: it "
                    + "may be impossible under this simulator and prior), widen the prior if the posterior lies "
                    + "outside it, or raise start-candidates if its mass is too small for the proposal to hit");
        }
        double[][] starts = new double[chains][];
        if (positive >= chains) {
            double[] gumbel = new double[m];
            for (int i = 0; i < m; i++) {
                gumbel[i] = key[i] - Math.log(-ChainKernel.logUniform(rng));
            }
            for (int c = 0; c < chains; c++) {
                int best = -1;
                for (int i = 0; i < m; i++) {
                    if (gumbel[i] > Double.NEGATIVE_INFINITY && (best < 0 || gumbel[i] > gumbel[best])) {
                        best = i;
                    }
                }
                starts[c] = u[best].clone();
                gumbel[best] = Double.NEGATIVE_INFINITY;
            }
        } else {
            double max = Double.NEGATIVE_INFINITY;
            for (double k : key) {
                max = Math.max(max, k);
            }
            double[] cumulative = new double[m];
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += Math.exp(key[i] - max);
                cumulative[i] = sum;
            }
            for (int c = 0; c < chains; c++) {
                double r = rng.nextDouble() * sum;
                int i = 0;
                while (i < m - 1 && (cumulative[i] <= r || key[i] == Double.NEGATIVE_INFINITY)) {
                    i++;
                }
                starts[c] = u[i].clone();
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            double s2 = 0;
            int k = 0;
            for (int i = 0; i < m; i++) {
                if (inside[i]) {
                    s += u[i][j];
                    s2 += u[i][j] * u[i][j];
                    k++;
                }
            }
            double var = k > 1 ? (s2 - s * s / k) / (k - 1) : 1.0;
            scale[j] = var > 0 && Double.isFinite(var) ? Math.sqrt(var) : 1.0;
        }
        return new ChainStarts(starts, scale);
    }
}
