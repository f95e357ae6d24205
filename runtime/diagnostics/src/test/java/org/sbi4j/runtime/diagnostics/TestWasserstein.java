package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.gaussian;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.shifted;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.standard;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestWasserstein {
    @Test
    void oneDimensionalShiftIsTheShift() {
        double[][] x = standard(3000, 1, 1);
        Wasserstein.Result r = Wasserstein.compute(shifted(x, 0.7), x, 1);
        assertThat(r.method()).isEqualTo("1-d");
        assertThat(r.w1()).isCloseTo(0.7, within(1e-12));
        assertThat(r.w2()).isCloseTo(0.7, within(1e-12));
        assertThat(r.samplesUsed()).isEqualTo(3000);
    }

    @Test
    void oneDimensionalUnequalSizesUseQuantileFunctions() {
        // quantiles of {0, 1}: 0 on [0, 1/2), 1 on [1/2, 1); of {0, 1, 2}: 0, 1, 2 on thirds.
        // |difference| is 1 on [1/3, 1/2) and [2/3, 1): W1 = 1/6 + 1/3 = 1/2, W2² = 1/2
        Wasserstein.Result r = Wasserstein.compute(new double[][] {{1}, {0}}, new double[][] {{2}, {0}, {1}}, 1);
        assertThat(r.w1()).isCloseTo(0.5, within(1e-15));
        assertThat(r.w2()).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(r.samplesUsed()).isEqualTo(2);
        assertThat(r.referenceUsed()).isEqualTo(3);
        // repeating every sample point leaves the empirical distribution, hence the distance, unchanged
        double[][] a = standard(300, 1, 2);
        double[][] b = gaussian(701, new double[] {0.3}, new double[] {2}, 3);
        double[][] twice = new double[600][];
        for (int i = 0; i < 600; i++) {
            twice[i] = a[i % 300];
        }
        assertThat(Wasserstein.compute(twice, b, 1).w2()).isCloseTo(Wasserstein.compute(a, b, 1).w2(), within(1e-12));
    }

    @Test
    void oneDimensionalGaussiansMatchTheClosedForm() {
        // W2(N(m1, s1²), N(m2, s2²)) = √((m1 - m2)² + (s1 - s2)²) = √2 here; W1 of a pure shift is the shift.
        // Measured over 20 seeds at n = m = 100,000: SD 0.0068 (W2) and 0.0042 (W1); margins are ~4-5 SD
        Wasserstein.Result r = Wasserstein.compute(standard(100_000, 1, 4),
                gaussian(100_000, new double[] {1}, new double[] {2}, 5), 1);
        assertThat(r.w2()).isCloseTo(Math.sqrt(2), within(0.03));
        Wasserstein.Result shift = Wasserstein.compute(standard(100_000, 1, 6),
                gaussian(100_000, new double[] {0.5}, new double[] {1}, 7), 1);
        assertThat(shift.w1()).isCloseTo(0.5, within(0.02));
    }

    @Test
    void exactMatchingOfATranslatedSetGivesTheTranslation() {
        // Y = X + δ: the identity matching is optimal for both costs (W1 ≥ |mean difference| = |δ|), so
        // W1 = W2 = |δ| exactly; any suboptimal matching would give more
        for (int d : new int[] {2, 3}) {
            double[][] x = standard(300, d, 8);
            double[][] y = new double[300][];
            for (int i = 0; i < 300; i++) {
                y[i] = x[i].clone();
                y[i][0] += 0.3;
                y[i][d - 1] -= 0.4;
            }
            Wasserstein.Result r = Wasserstein.compute(y, x, 1);
            assertThat(r.method()).isEqualTo("exact");
            assertThat(r.samplesUsed()).isEqualTo(300);
            assertThat(r.w1()).isCloseTo(0.5, within(1e-12));
            assertThat(r.w2()).isCloseTo(0.5, within(1e-12));
        }
    }

    @Test
    void exactW2BetweenGaussiansMatchesTheClosedForm() {
        // N(0, I) vs N((1, 0), diag(4, 1/4)), commuting covariances:
        // W2² = |m1 - m2|² + Σ(√a - √b)² = 1 + (2 - 1)² + (0.5 - 1)² = 2.25.
        // Measured over 20 seeds with exact matching at n = 400: mean 1.506 (the upward bias of the empirical
        // distance is small next to its spread here), SD 0.096. The mean of 10 seeds has SE 0.030;
        // the margin 0.12 is 4 SE.
        double sum = 0.0;
        Wasserstein w = Wasserstein.defaults().withExactPoints(400);
        for (int s = 0; s < 10; s++) {
            sum += w.evaluate(standard(400, 2, 10 + s), gaussian(400, new double[] {1, 0}, new double[] {2, 0.5},
                    100 + s), s).w2();
        }
        assertThat(sum / 10).isCloseTo(1.5, within(0.12));
    }

    @Test
    void hungarianSolverMatchesBruteForce() {
        UniformRandomProvider rng = DistanceTestSamples.rng(11);
        for (int n = 1; n <= 7; n++) {
            for (int trial = 0; trial < 12; trial++) {
                double[] cost = new double[n * n];
                for (int i = 0; i < cost.length; i++) {
                    // half the trials with small integers (many ties), half with real values of mixed sign
                    cost[i] = trial % 2 == 0 ? rng.nextInt(5) : 10 * rng.nextDouble() - 3;
                }
                int[] column = LinearAssignment.solve(cost, n);
                boolean[] taken = new boolean[n];
                double total = 0.0;
                for (int i = 0; i < n; i++) {
                    assertThat(taken[column[i]]).as("column used twice").isFalse();
                    taken[column[i]] = true;
                    total += cost[i * n + column[i]];
                }
                assertThat(total).as("n=%d trial=%d", n, trial).isCloseTo(bruteForce(cost, n), within(1e-9));
            }
        }
    }

    private static double bruteForce(double[] cost, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        return permute(cost, n, perm, 0);
    }

    private static double permute(double[] cost, int n, int[] perm, int k) {
        if (k == n) {
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                s += cost[i * n + perm[i]];
            }
            return s;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = k; i < n; i++) {
            swap(perm, k, i);
            best = Math.min(best, permute(cost, n, perm, k + 1));
            swap(perm, k, i);
        }
        return best;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    @Test
    void slicedDistanceOfAShiftAlongALine() {
        // points t·u on a line in 3-d, shifted by δ along u: every projection on θ is a 1-d shift by δ(u·θ),
        // so SW1 = δ·mean|u·θ| and SW2 = δ·√mean (u·θ)² over the drawn directions, exactly
        double delta = 2.0;
        double[] u = {1.0 / 3, 2.0 / 3, 2.0 / 3};
        double[][] t = standard(500, 1, 12);
        double[][] x = new double[500][3];
        double[][] y = new double[500][3];
        for (int i = 0; i < 500; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = t[i][0] * u[k];
                y[i][k] = (t[i][0] + delta) * u[k];
            }
        }
        Wasserstein.Result r = Wasserstein.defaults().withMethod(Wasserstein.Method.SLICED).evaluate(y, x, 13);
        assertThat(r.method()).isEqualTo("sliced");
        assertThat(r.projections()).isEqualTo(200);
        double abs = 0.0;
        double sq = 0.0;
        for (int p = 0; p < 200; p++) {
            double[] theta = Wasserstein.direction(3, 13, p);
            assertThat(theta[0] * theta[0] + theta[1] * theta[1] + theta[2] * theta[2]).isCloseTo(1.0, within(1e-12));
            double c = theta[0] * u[0] + theta[1] * u[1] + theta[2] * u[2];
            abs += Math.abs(c);
            sq += c * c;
        }
        assertThat(r.w1()).isCloseTo(delta * abs / 200, within(1e-9));
        assertThat(r.w2()).isCloseTo(delta * Math.sqrt(sq / 200), within(1e-9));
        // directions uniform on the 2-sphere: u·θ is uniform on [-1, 1] (Archimedes), so E|u·θ| = 1/2 with
        // SD 0.289 (SE 0.020 over 200 directions) and E(u·θ)² = 1/3 with SD 0.298 (SE 0.021); margins ~4 SE
        assertThat(r.w1()).isCloseTo(delta * 0.5, within(delta * 0.08));
        assertThat(r.w2()).isCloseTo(delta / Math.sqrt(3), within(delta * 0.075));
    }

    @Test
    void chosenMethodDependsOnTheDimension() {
        assertThat(Wasserstein.compute(standard(50, 2, 1), standard(60, 2, 2), 1).method()).isEqualTo("exact");
        Wasserstein.Result exact3 = Wasserstein.compute(standard(50, 3, 1), standard(60, 3, 2), 1);
        assertThat(exact3.method()).isEqualTo("exact");
        assertThat(exact3.samplesUsed()).isEqualTo(50);
        assertThat(exact3.referenceUsed()).isEqualTo(50);
        Wasserstein.Result sliced = Wasserstein.compute(standard(50, 4, 1), standard(60, 4, 2), 1);
        assertThat(sliced.method()).isEqualTo("sliced");
        assertThat(sliced.samplesUsed()).isEqualTo(50);
        assertThat(sliced.referenceUsed()).isEqualTo(60);
        assertThat(Wasserstein.defaults().withMethod(Wasserstein.Method.EXACT)
                .evaluate(standard(50, 5, 1), standard(60, 5, 2), 1).method()).isEqualTo("exact");
        // sliced in 2-d for a shift δ along an axis: SW1 = δ·E|cos φ| = 2δ/π (SE 0.022·δ over 200 directions)
        double[][] x = standard(2000, 2, 3);
        Wasserstein.Result sliced2 = Wasserstein.defaults().withMethod(Wasserstein.Method.SLICED)
                .evaluate(shifted(x, 1.0), x, 4);
        assertThat(sliced2.w1()).isCloseTo(2 / Math.PI, within(0.09));
    }

    @Test
    void sameSeedSameValueForAnyThreadCount() {
        double[][] a2 = gaussian(700, new double[] {0.2, 0}, new double[] {1, 1}, 14);
        double[][] b2 = standard(800, 2, 15);
        Wasserstein exact = Wasserstein.defaults().withExactPoints(300);
        Wasserstein.Result one = exact.withThreads(1).evaluate(a2, b2, 5);
        assertThat(exact.withThreads(3).evaluate(a2, b2, 5)).isEqualTo(one);
        assertThat(exact.withThreads(1).evaluate(a2, b2, 6).w2()).isNotEqualTo(one.w2());
        double[][] a5 = standard(3000, 5, 16);
        double[][] b5 = shifted(standard(3000, 5, 17), 0.3);
        Wasserstein.Result slicedOne = Wasserstein.defaults().withThreads(1).evaluate(a5, b5, 5);
        assertThat(Wasserstein.defaults().withThreads(3).evaluate(a5, b5, 5)).isEqualTo(slicedOne);
        assertThat(Wasserstein.defaults().withThreads(1).evaluate(a5, b5, 6).w1()).isNotEqualTo(slicedOne.w1());
    }

    @Test
    void zScoringMeasuresInReferenceStandardDeviations() {
        double[][] x = gaussian(400, new double[] {0}, new double[] {10}, 18);
        Wasserstein.Result r = Wasserstein.defaults().withZScore(true).evaluate(shifted(x, 5), x, 1);
        // a shift of 5 is half of the reference SD (≈ 10)
        assertThat(r.zScored()).isTrue();
        assertThat(r.w1()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void rejectsBadInput() {
        double[][] ok = standard(10, 2, 1);
        assertThatThrownBy(() -> Wasserstein.compute(ok, new double[0][], 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> Wasserstein.compute(ok, null, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> Wasserstein.compute(new double[][] {{0, 0}, {1}}, ok, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("samples row 1 has 1 values");
        assertThatThrownBy(() -> Wasserstein.compute(ok, new double[][] {{0, Double.POSITIVE_INFINITY}}, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("reference row 0, column 1 is Infinity");
        assertThatThrownBy(() -> Wasserstein.defaults().withProjections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projections");
    }
}
