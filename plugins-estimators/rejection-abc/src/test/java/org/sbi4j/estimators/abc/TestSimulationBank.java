package org.sbi4j.estimators.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Simulations;
import org.sbi4j.testing.SeededRandom;

class TestSimulationBank {

    /** Brute force: all squared scaled distances, fully sorted by (distance, index). */
    private static int[] bruteForceNearest(double[][] x, double[] x0, double[] scales, int k) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x0.length; j++) {
                double t = (x[i][j] - x0[j]) * (1 / scales[j]); // as the bank, so ties round alike
                d[i] += t * t;
            }
        }
        return IntStream.range(0, x.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static double[][] randomData(int n, int columns, boolean rounded, UniformRandomProvider rng) {
        double[][] x = new double[n][columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                double v = (j + 1) * 10 * (rng.nextDouble() - 0.5);
                row[j] = rounded ? Math.rint(v) : v; // rounding makes many equal distances
            }
        }
        return x;
    }

    @Test
    void nearestMatchesAFullSortIncludingTies() {
        UniformRandomProvider rng = SeededRandom.of(17);
        for (DataScale scale : DataScale.values()) {
            for (boolean rounded : new boolean[] {false, true}) {
                double[][] x = randomData(3000, 3, rounded, rng);
                SimulationBank bank = SimulationBank.of(new Simulations(new double[3000][1], x, 0), 1, 3, scale);
                double[] x0 = {0.3, -2, 4};
                for (int k : new int[] {1, 7, 100, 2999, 3000}) {
                    assertThat(bank.nearest(x0, k)).as("%s, rounded %s, k %d", scale, rounded, k)
                            .containsExactly(bruteForceNearest(x, x0, bank.scales(), k));
                }
            }
        }
    }

    @Test
    void anObservationWhoseDistancesOverflowIsRefusedNotAnsweredWithArbitraryNeighbours() {
        double[][] x = randomData(50, 2, false, SeededRandom.of(3));
        SimulationBank bank = SimulationBank.of(new Simulations(new double[50][1], x, 0), 1, 2, DataScale.NONE);
        assertThatThrownBy(() -> bank.nearest(new double[] {1e300, 1e300}, 5))
                .isInstanceOf(org.sbi4j.api.SbiException.class)
                .hasMessageContaining("is not a finite number (its square overflows)")
                .hasMessageContaining("lies far from every simulation");
        assertThat(bank.nearest(new double[] {1e150, 0}, 5)).as("large but finite distances still rank").hasSize(5);
    }

    @Test
    void scalingChangesWhichSimulationsAreClosest() {
        // Component 2 is in units 1000 times larger: unscaled, it alone decides; scaled, both count.
        double[][] x = {{0, 1000}, {5, 0}, {0.1, 2000}, {-3, -1000}};
        SimulationBank raw = SimulationBank.of(new Simulations(new double[4][1], x, 0), 1, 2, DataScale.NONE);
        SimulationBank sd = SimulationBank.of(new Simulations(new double[4][1], x, 0), 1, 2, DataScale.SD);
        double[] x0 = {0, 10};
        assertThat(raw.nearest(x0, 1)).containsExactly(1);
        assertThat(sd.nearest(x0, 1)).containsExactly(0);
        assertThat(raw.scales()).containsExactly(1, 1);
    }

    @Test
    void flatArraysKeepRowOrder() {
        double[][] theta = {{1, 2}, {3, 4}};
        double[][] x = {{5}, {6}};
        SimulationBank bank = SimulationBank.of(new Simulations(theta, x, 3), 2, 1, DataScale.NONE);
        assertThat(bank.theta()).containsExactly(1, 2, 3, 4);
        assertThat(bank.data()).containsExactly(5, 6);
        double[] target = new double[3];
        bank.copyParameters(1, target, 1);
        assertThat(target).containsExactly(0, 3, 4);
    }

    @Test
    void raggedOrMismatchedArraysAreRejected() {
        assertThatThrownBy(() -> SimulationBank.of(new Simulations(new double[][] {{1}, {2, 3}},
                new double[2][1], 0), 1, 1, DataScale.NONE))
                .hasMessage("simulation 1 has 2 parameter values, expected 1");
        assertThatThrownBy(() -> SimulationBank.restore(new double[4], new double[5], new double[] {1}, 2, 1))
                .hasMessageContaining("x has 5 values but 2 rows of 1 data components need 2");
        assertThatThrownBy(() -> SimulationBank.restore(new double[2], new double[2], new double[] {0}, 1, 1))
                .hasMessageContaining("scale 0 is 0.0");
    }

    @Test
    void medianAndSelectionAgreeWithSorting() {
        UniformRandomProvider rng = SeededRandom.of(3);
        for (int n : new int[] {1, 2, 3, 10, 11, 1000, 1001}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.rint(20 * rng.nextDouble()); // many ties
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            assertThat(DataScales.median(values.clone())).as("n = %d", n).isEqualTo(expected);
            int k = rng.nextInt(n);
            assertThat(DataScales.select(values.clone(), k)).isEqualTo(sorted[k]);
        }
    }

    @Test
    void scalesAreMadSdOrOneWithFallbacks() {
        // Column 0: 1..5 (MAD 1, sd √2.5); column 1: mostly 7 (MAD 0, falls back to sd); column 2: constant.
        double[] data = {1, 7, 4, 2, 7, 4, 3, 7, 4, 4, 7, 4, 5, 9, 4};
        double[] mad = DataScales.of(data, 5, 3, DataScale.MAD);
        double[] sd = DataScales.of(data, 5, 3, DataScale.SD);
        double sdOfColumn1 = Math.sqrt((4 * 0.16 + 1.6 * 1.6) / 4);
        assertThat(mad).containsExactly(new double[] {DataScales.MAD_TO_SD, sdOfColumn1, 1}, within(1e-15));
        assertThat(sd[0]).isEqualTo(Math.sqrt(2.5));
        assertThat(sd[1]).isCloseTo(sdOfColumn1, within(1e-15));
        assertThat(sd[2]).isEqualTo(1);
        assertThat(DataScales.of(data, 5, 3, DataScale.NONE)).containsExactly(1, 1, 1);
    }
}
