package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;
import org.w3c.dom.Document;

class TestCoveragePlot {
    @Test
    void overConfidentCurveWithBand() {
        int n = 19;
        double[] levels = new double[n];
        double[] empirical = new double[n];
        double[] errors = new double[n];
        for (int k = 0; k < n; k++) {
            levels[k] = 0.05 * (k + 1);
            empirical[k] = Math.pow(levels[k], 1.5);
            errors[k] = Math.sqrt(empirical[k] * (1 - empirical[k]) / 200);
        }
        Figure figure = CoveragePlot.of(levels, empirical, errors, null);
        Pictures.keep(figure, "coverage");
        BufferedImage image = Pictures.decode(figure);
        assertThat(image.getWidth()).isEqualTo(figure.width());
        assertThat(image.getHeight()).isEqualTo(figure.height()).isEqualTo(520);
        assertThat(Pictures.distinctColours(image, 0, 0, image.getWidth(), image.getHeight())).isGreaterThan(50);
        assertThat(Pictures.pixelsOf(image, Style.SAMPLES.getRGB())).isGreaterThan(200);

        Document svg = Pictures.parseSvg(figure);
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        // XChart outlines its titles and tick labels: text comes as filled paths, not <text>
        assertThat(svg.getElementsByTagNameNS("*", "path").getLength()).isGreaterThan(20);
    }

    @Test
    void tarpCurveWithoutErrorsAndUnsortedLevels() {
        double[] levels = {0.5, 0.0, 1.0, 0.25, 0.75};
        double[] ecp = {0.55, 0.0, 1.0, 0.3, 0.8};
        Figure figure = CoveragePlot.of(levels, ecp, null, "TARP expected coverage");
        Pictures.keep(figure, "coverage-tarp");
        assertThat(Pictures.decode(figure).getHeight()).isEqualTo(520);
        assertThat(figure.svg()).isNotEqualTo(CoveragePlot.of(levels, ecp, null, null).svg());
    }

    @Test
    void badInputsAreExplained() {
        assertThatThrownBy(() -> CoveragePlot.of(new double[0], new double[0], null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("no credibility levels");
        assertThatThrownBy(() -> CoveragePlot.of(new double[] {0.5}, new double[] {0.5, 0.6}, null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("2 empirical coverages for 1 credibility levels");
        assertThatThrownBy(() -> CoveragePlot.of(new double[] {1.5}, new double[] {0.5}, null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("credibility level number 1 is 1.5");
        assertThatThrownBy(() -> CoveragePlot.of(new double[] {0.5}, new double[] {Double.NaN}, null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("empirical coverage number 1 is NaN");
        assertThatThrownBy(() -> CoveragePlot.of(new double[] {0.5}, new double[] {0.5}, new double[] {-1}, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("must be finite and not negative");
    }
}
