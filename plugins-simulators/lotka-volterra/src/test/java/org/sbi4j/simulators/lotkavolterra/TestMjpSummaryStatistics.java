package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The 9 summary statistics on series whose values are known by hand. */
class TestMjpSummaryStatistics {

    @Test
    void statisticsOfSmallSeries() {
        double[] a = {1, 2, 3, 4};
        double[] b = {4, 3, 2, 1};
        double[] out = new double[9];
        MjpSummaryStatistics.compute(a, b, out);
        // mean 2.5, deviations (-1.5, -0.5, 0.5, 1.5), sum of squares 5, variance 5/3
        assertThat(out[0]).isCloseTo(Math.log(3.5), within(1e-12));
        assertThat(out[1]).isCloseTo(Math.log(3.5), within(1e-12));
        assertThat(out[2]).isCloseTo(Math.log(1 + 5.0 / 3), within(1e-12));
        // lag 1: (-1.5·-0.5 + -0.5·0.5 + 0.5·1.5) / 5 = 0.25; lag 2: (-1.5·0.5 + -0.5·1.5) / 5 = -0.3
        assertThat(out[4]).isCloseTo(0.25, within(1e-12));
        assertThat(out[5]).isCloseTo(-0.3, within(1e-12));
        assertThat(out[6]).isCloseTo(0.25, within(1e-12));
        assertThat(out[7]).isCloseTo(-0.3, within(1e-12));
        assertThat(out[8]).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void constantSeriesHaveZeroCorrelations() {
        double[] a = {0, 0, 0, 0, 0};
        double[] b = {3, 1, 4, 1, 5};
        double[] out = new double[9];
        MjpSummaryStatistics.compute(a, b, out);
        assertThat(out[0]).isZero();
        assertThat(out[2]).isZero();
        assertThat(out[4]).isZero();
        assertThat(out[5]).isZero();
        assertThat(out[8]).isZero();
        for (double v : out) {
            assertThat(v).isFinite();
        }
    }
}
