package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestDataTransform {
    // column 0: positive over four decades; column 1: positive but narrow; column 2: crosses zero
    private static final double[][] X = {{0.01, 5, -1}, {1, 6, 0.5}, {100, 7, 2}};

    @Test
    void autoLogsTheWideColumnsOfPositiveData() {
        double[][] positive = {{0.01, 5}, {1, 6}, {100, 7}};
        DataTransform t = DataTransform.choose(positive, DataTransform.Mode.AUTO);
        assertThat(t.encode()).isEqualTo("10");
        assertThat(t.apply(new double[] {10, 5})).containsExactly(Math.log(10), 5);
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void autoLeavesDataAloneWhenAnyValueIsNotPositive() {
        // column 0 alone would qualify, but column 2 crosses zero: noisy data around zero (images) stay linear
        assertThat(DataTransform.choose(X, DataTransform.Mode.AUTO).any()).isFalse();
    }

    @Test
    void noneAndAll() {
        assertThat(DataTransform.choose(X, DataTransform.Mode.NONE).any()).isFalse();
        assertThat(DataTransform.choose(X, DataTransform.Mode.NONE).apply(X)).isSameAs(X);
        assertThatThrownBy(() -> DataTransform.choose(X, DataTransform.Mode.ALL))
                .isInstanceOf(SbiException.class).hasMessageContaining("column 3");
        double[][] positive = {{1, 2}, {3, 4}};
        assertThat(DataTransform.choose(positive, DataTransform.Mode.ALL).encode()).isEqualTo("11");
    }

    @Test
    void aNonPositiveObservationInALoggedColumnIsAClearError() {
        DataTransform t = DataTransform.choose(new double[][] {{0.01, 5}, {100, 6}}, DataTransform.Mode.AUTO);
        assertThatThrownBy(() -> t.apply(new double[] {0, 5, 1})).isInstanceOf(SbiException.class)
                .hasMessageContaining("data value 1 is 0.0");
    }

    @Test
    void encodingRoundTrips() {
        DataTransform t = DataTransform.decode("101", 3);
        assertThat(t.encode()).isEqualTo("101");
        assertThatThrownBy(() -> DataTransform.decode("10", 3)).hasMessageContaining("malformed");
    }
}
