package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestLossCurvePlot {
    @Test
    void trainingAndValidationWithTheBestEpoch() {
        List<Double> training = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int e = 1; e <= 120; e++) {
            double wiggle = 0.03 * Math.sin(e * 1.7);
            training.add(3 * Math.exp(-e / 15.0) - 1.2 + wiggle - 0.002 * e);
            double v = 3 * Math.exp(-e / 15.0) - 1.1 - wiggle + 0.00004 * e * e - 0.006 * e;
            validation.add(v);
            if (v < bestLoss) {
                bestLoss = v;
                best = e;
            }
        }
        training.set(0, 40.0); // a wild first epoch runs off the top
        training.set(60, Double.NaN);
        Figure figure = LossCurvePlot.of(training, validation, best);
        Pictures.keep(figure, "loss");
        BufferedImage image = Pictures.decode(figure);
        assertThat(image.getWidth()).isEqualTo(720);
        assertThat(image.getHeight()).isEqualTo(440);
        assertThat(Pictures.pixelsOf(image, Style.SAMPLES.getRGB())).isGreaterThan(200);
        assertThat(Pictures.pixelsOf(image, Style.REFERENCE.getRGB())).isGreaterThan(200);
        assertThat(Pictures.pixelsOf(image, Style.TRUTH.getRGB())).isGreaterThan(10);
        assertThat(Pictures.parseSvg(figure).getDocumentElement().getLocalName()).isEqualTo("svg");
    }

    @Test
    void fewEpochsWithoutValidation() {
        Figure figure = LossCurvePlot.of(List.of(2.0, 1.5, 1.2), List.of(), null);
        Pictures.keep(figure, "loss-short");
        BufferedImage image = Pictures.decode(figure);
        assertThat(Pictures.pixelsOf(image, Style.REFERENCE.getRGB())).isZero();
        assertThat(Pictures.pixelsOf(image, Style.TRUTH.getRGB())).isZero();
        assertThat(LossCurvePlot.of(List.of(1.0), null, 1).png()).isNotEmpty();
    }

    @Test
    void badInputsAreExplained() {
        assertThatThrownBy(() -> LossCurvePlot.of(List.of(), List.of(), null))
                .isInstanceOf(SbiException.class).hasMessageContaining("no training losses");
        assertThatThrownBy(() -> LossCurvePlot.of(List.of(1.0, 2.0), List.of(1.0), null))
                .isInstanceOf(SbiException.class).hasMessageContaining("1 validation losses for 2 epochs");
        assertThatThrownBy(() -> LossCurvePlot.of(List.of(1.0, 2.0), List.of(), 3))
                .isInstanceOf(SbiException.class).hasMessageContaining("best epoch 3 is outside the 2 epochs");
        assertThatThrownBy(() -> LossCurvePlot.of(List.of(Double.NaN), List.of(), null))
                .isInstanceOf(SbiException.class).hasMessageContaining("none of the 1 training losses is a finite number");
    }
}
