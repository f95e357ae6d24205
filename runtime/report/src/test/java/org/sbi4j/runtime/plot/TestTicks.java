package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import org.junit.jupiter.api.Test;

class TestTicks {
    @Test
    void roundStepsInsideTheRange() {
        assertThat(Ticks.of(-2.8, 2.8, 5).values()).containsExactly(-2, -1, 0, 1, 2);
        assertThat(Ticks.of(-2.8, 2.8, 5).labels()).containsExactly("-2", "-1", "0", "1", "2");
        assertThat(Ticks.of(0, 1, 5).labels()).containsExactly("0.00", "0.25", "0.50", "0.75", "1.00");
        assertThat(Ticks.of(0, 1, 4).labels()).containsExactly("0.0", "0.5", "1.0");
        assertThat(Ticks.of(0.013, 0.0191, 3).labels()).containsExactly("0.014", "0.016", "0.018");
        assertThat(Ticks.of(-1.1, 0.12, 3).labels()).containsExactly("-1.0", "-0.5", "0.0");
        assertThat(Ticks.of(2e5, 5e5, 4).labels()).containsExactly("2.0e5", "3.0e5", "4.0e5", "5.0e5");
        assertThat(Ticks.of(3, 3, 4).values()).containsExactly(3);
    }

    @Test
    void fewerTicksWhenLabelsWouldTouch() {
        Graphics2D g = Style.measuringGraphics();
        FontMetrics metrics = g.getFontMetrics(Style.font(11));
        Ticks wide = Ticks.fitting(0, 1000, 5, 600, metrics, true, 10);
        Ticks narrow = Ticks.fitting(0, 1000, 5, 60, metrics, true, 10);
        assertThat(wide.values().length).isGreaterThan(narrow.values().length);
        assertThat(narrow.values().length).isGreaterThanOrEqualTo(1);
        g.dispose();
    }
}
