package org.sbi4j.estimators.fmpe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.simulators.benchmarks.TwoMoonsSimulator;
import org.sbi4j.testing.SeededRandom;

/**
 * End to end on sbibm's two moons with default settings: the Kullback–Leibler divergence KL(p ‖ q) from the
 * exact posterior p to the trained q, estimated as the mean of log p − log q over exact posterior draws, where
 * log p = log prior + log likelihood − log Z with Z by quadrature on a fine grid.
 */
class TestFmpeTwoMoons {

    @Test
    void klFromTheExactPosteriorIsSmall() {
        TwoMoonsSimulator moons = new TwoMoonsSimulator();
        InferenceProblem problem = Fits.simulate(moons, 5000, 8);
        long start = System.nanoTime();
        FmpePosterior posterior = Fits.fit(problem, new FmpeSettings(), 8, 1);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        double[] x0 = {-0.2, 0.1};
        int n = 2000;
        double[][] exact = moons.samplePosterior(x0, n, SeededRandom.of(3));
        start = System.nanoTime();
        double[] logQ = posterior.logDensity(exact, x0);
        double densitySeconds = (System.nanoTime() - start) / 1e9;
        double logZ = logEvidence(moons, x0, 1000);
        double kl = 0;
        for (int i = 0; i < n; i++) {
            double logP = Math.log(0.25) + moons.logLikelihood(exact[i], x0) - logZ;
            kl += (logP - logQ[i]) / n;
        }
        start = System.nanoTime();
        double[][] draws = posterior.sample(x0, 10_000, SeededRandom.of(4));
        double sampleSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("two moons fmpe: %d epochs, fit %.1f s, KL(p||q) %.4f nats, %d log densities %.2f s, "
                + "10k draws %.2f s%n", posterior.trainingSummary().epochs(), fitSeconds, kl, n, densitySeconds,
                sampleSeconds);
        assertThat(draws).hasNumberOfRows(10_000);
        assertThat(kl).isLessThan(0.5);
    }

    /** log ∫ π(θ) p(x₀ | θ) dθ by the midpoint rule on a k × k grid over the prior box [−1, 1]². */
    static double logEvidence(TwoMoonsSimulator moons, double[] x0, int k) {
        double h = 2.0 / k;
        double max = Double.NEGATIVE_INFINITY;
        double[] values = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = moons.logLikelihood(new double[] {-1 + (i + 0.5) * h, -1 + (j + 0.5) * h}, x0);
                values[i * k + j] = v;
                max = Math.max(max, v);
            }
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum * h * h * 0.25);
    }
}
