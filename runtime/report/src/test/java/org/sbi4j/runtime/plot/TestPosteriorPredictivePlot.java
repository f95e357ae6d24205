package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestPosteriorPredictivePlot {
    @Test
    void fewDimensionsGetOnePanelEach() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(21);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] predictive = new double[1000][4];
        for (double[] row : predictive) {
            row[0] = normal.sample();
            row[1] = 100 + 20 * normal.sample();
            row[2] = Math.exp(normal.sample());
            row[3] = 0.01 * normal.sample();
        }
        predictive[5][2] = Double.NaN;
        List<String> names = List.of("mean", "count", "ratio", "slope");
        Figure figure = PosteriorPredictivePlot.of(names, predictive, new double[] {0.3, 170, 1.1, -0.001});
        Pictures.keep(figure, "predictive-panels");
        BufferedImage image = Pictures.decode(figure);
        assertThat(image.getWidth()).isEqualTo(figure.width());
        assertThat(Pictures.pixelsOf(image, Style.TRUTH.getRGB())).isGreaterThan(100);
        List<String> texts = TestCornerPlot.texts(Pictures.parseSvg(figure));
        assertThat(texts).containsAll(names).contains("outside");
        assertThat(texts).anyMatch(t -> t.contains("1 of 4 observed values outside") && t.contains("1 non-finite"));
    }

    @Test
    void manyDimensionsGetBandsOverTheIndex() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(22);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = 200;
        double[][] predictive = new double[500][d];
        double[] observed = new double[d];
        for (double[] row : predictive) {
            double amplitude = 1 + 0.2 * normal.sample();
            for (int j = 0; j < d; j++) {
                row[j] = amplitude * Math.sin(j / 15.0) + 0.2 * normal.sample();
            }
        }
        for (int j = 0; j < d; j++) {
            observed[j] = 1.1 * Math.sin(j / 15.0) + 0.2 * normal.sample();
        }
        List<String> names = IntStream.range(0, d).mapToObj(j -> "x" + j).toList();
        Figure figure = PosteriorPredictivePlot.of(names, predictive, observed);
        Pictures.keep(figure, "predictive-bands");
        BufferedImage image = Pictures.decode(figure);
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(Pictures.pixelsOf(image, Style.TRUTH.getRGB())).isGreaterThan(100);
        assertThat(Pictures.parseSvg(figure).getDocumentElement().getLocalName()).isEqualTo("svg");
    }

    @Test
    void badInputsAreExplained() {
        assertThatThrownBy(() -> PosteriorPredictivePlot.of(List.of("a"), new double[][] {{1}}, new double[] {Double.NaN}))
                .isInstanceOf(SbiException.class).hasMessageContaining("observed value of 'a' is NaN");
        assertThatThrownBy(() -> PosteriorPredictivePlot.of(List.of("a", "b"), new double[][] {{1, 2}}, new double[] {1}))
                .isInstanceOf(SbiException.class).hasMessageContaining("observation has 1 values but there are 2 data names");
        assertThatThrownBy(() -> PosteriorPredictivePlot.of(List.of("a"), new double[][] {{Double.NaN}}, new double[] {1}))
                .isInstanceOf(SbiException.class).hasMessageContaining("no predictive value of 'a' is a finite number");
        assertThatThrownBy(() -> PosteriorPredictivePlot.of(List.of("a"), new double[0][], new double[] {1}))
                .isInstanceOf(SbiException.class).hasMessageContaining("predictive data are empty");
    }
}
