package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.io.Csv;
import org.w3c.dom.Document;

class TestCornerPlot {
    private static final Path SBIBM = Path.of("../../data/sbibm");

    private static List<String> names(int d) {
        return IntStream.range(0, d).mapToObj(j -> "theta_" + (j + 1)).toList();
    }

    @Test
    void tenCorrelatedGaussianParametersWithTruthAndReference() {
        double[][] samples = Samples.correlatedGaussian(10_000, 10, 0.8, 1);
        double[][] reference = Samples.correlatedGaussian(10_000, 10, 0.7, 2);
        double[] truth = IntStream.range(0, 10).mapToDouble(j -> j * 0.5 + 0.3).toArray();
        long start = System.nanoTime();
        Figure figure = CornerPlot.of(names(10), samples, truth, reference);
        byte[] png = figure.png();
        long pngMillis = (System.nanoTime() - start) / 1_000_000;
        String svg = figure.svg();
        long allMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("10-d corner plot of 10k samples + 10k reference samples: %d ms to PNG (%d bytes, %d x %d), "
                + "%d ms with SVG (%d chars)%n", pngMillis, png.length, figure.width(), figure.height(), allMillis,
                svg.length());
        Pictures.keep(figure, "corner-gaussian-10d");

        BufferedImage image = Pictures.decode(figure);
        assertThat(image.getWidth()).isEqualTo(figure.width()).isBetween(1500, 2000);
        assertThat(image.getHeight()).isEqualTo(figure.height()).isBetween(1500, 2000);
        // the lower-left quarter is all panels: shaded densities give many colours and much ink
        int w = image.getWidth() / 2;
        int h = image.getHeight() / 2;
        assertThat(Pictures.distinctColours(image, 100, h, w - 100, h - 100)).isGreaterThan(500);
        assertThat(Pictures.inkedFraction(image, 100, h, w - 100, h - 100)).isGreaterThan(0.5);
        // the upper-right corner holds only the legend
        assertThat(Pictures.inkedFraction(image, w + 200, h - 300, w - 220, 200)).isZero();
        assertThat(Pictures.pixelsOf(image, Style.TRUTH.getRGB())).isGreaterThan(1000);

        Document document = Pictures.parseSvg(figure);
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(document.getElementsByTagNameNS("*", "image").getLength()).as("one density image per pair").isEqualTo(45);
        List<String> texts = texts(document);
        assertThat(texts).containsAll(names(10)).contains("samples (n = 10000)", "reference (n = 10000)", "true parameter");
    }

    @Test
    void twoMoonsReferencePosteriorAndABimodalPair() {
        Csv.Table reference = Csv.read(SBIBM.resolve("two_moons/obs01/reference_posterior_samples.csv"));
        double[] truth = Csv.read(SBIBM.resolve("two_moons/obs01/true_parameters.csv")).rows()[0];
        Figure moons = CornerPlot.of(reference.header(), reference.rows(), truth, null);
        Pictures.keep(moons, "corner-two-moons");
        Figure bimodal = CornerPlot.of(List.of("a", "b"), Samples.bimodal(10_000, 3), new double[] {-1.5, -1}, null);
        Pictures.keep(bimodal, "corner-bimodal");
        for (Figure figure : List.of(moons, bimodal)) {
            BufferedImage image = Pictures.decode(figure);
            assertThat(image.getWidth()).isEqualTo(figure.width()).isBetween(600, 800);
            assertThat(Pictures.distinctColours(image, 0, image.getHeight() / 2, image.getWidth() / 2,
                    image.getHeight() / 2)).isGreaterThan(200);
            assertThat(Pictures.pixelsOf(image, Style.TRUTH.getRGB())).isGreaterThan(100);
        }
        assertThat(texts(Pictures.parseSvg(moons))).contains("parameter_1", "parameter_2");
    }

    @Test
    void oneParameterIsAHistogram() {
        Figure one = CornerPlot.of(List.of("sigma"), Samples.correlatedGaussian(5000, 1, 0, 4), new double[] {0.2},
                Samples.correlatedGaussian(5000, 1, 0, 5));
        Pictures.keep(one, "corner-1d");
        BufferedImage image = Pictures.decode(one);
        assertThat(image.getWidth()).isEqualTo(one.width());
        assertThat(Pictures.inkedFraction(image, 0, 0, image.getWidth(), image.getHeight())).isGreaterThan(0.2);
        assertThat(Pictures.parseSvg(one).getElementsByTagNameNS("*", "image").getLength()).isZero();
        assertThat(texts(Pictures.parseSvg(one))).contains("sigma");
    }

    @Test
    void withoutTruthNoTruthColourAndFiguresGrowWithParameters() {
        double[][] samples = Samples.correlatedGaussian(2000, 4, 0.5, 6);
        Figure figure = CornerPlot.of(names(4), samples, null, null);
        assertThat(Pictures.pixelsOf(Pictures.decode(figure), Style.TRUTH.getRGB())).isZero();
        assertThat(texts(Pictures.parseSvg(figure))).doesNotContain("true parameter");
        int previousImages = -1;
        for (int d = 1; d <= 13; d += 3) {
            Figure f = CornerPlot.of(names(d), Samples.correlatedGaussian(2000, d, 0.5, d), null, null);
            assertThat(f.width()).isLessThanOrEqualTo(2000);
            if (d == 13) {
                Pictures.keep(f, "corner-13d");
            }
            int images = Pictures.parseSvg(f).getElementsByTagNameNS("*", "image").getLength();
            assertThat(images).isEqualTo(d * (d - 1) / 2).isGreaterThan(previousImages);
            previousImages = images;
        }
    }

    @Test
    void nonFiniteSamplesAreLeftOutAndCounted() {
        double[][] samples = Samples.correlatedGaussian(3000, 3, 0.5, 7);
        samples[10][1] = Double.NaN;
        samples[20][2] = Double.POSITIVE_INFINITY;
        samples[30][0] = Double.NaN;
        Figure figure = CornerPlot.of(names(3), samples, null, null);
        assertThat(texts(Pictures.parseSvg(figure))).contains("3 samples with non-finite values left out");
        assertThat(Pictures.decode(figure).getWidth()).isEqualTo(figure.width());
    }

    @Test
    void badInputsAreExplained() {
        double[][] two = {{1, 2}, {3, 4}};
        assertThatThrownBy(() -> CornerPlot.of(List.of("a", "b"), new double[0][], null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("samples are empty");
        assertThatThrownBy(() -> CornerPlot.of(List.of("a", "b", "c"), two, null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("row 1 has 2 values but there are 3 parameter names");
        assertThatThrownBy(() -> CornerPlot.of(List.of("a", "b"), two, new double[] {0, Double.NaN}, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("true value of 'b' is NaN");
        assertThatThrownBy(() -> CornerPlot.of(List.of("a", "b"), two, new double[] {0}, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("true parameter has 1 values but there are 2");
        assertThatThrownBy(() -> CornerPlot.of(List.of("a", "b"), two, null, new double[][] {{1}}))
                .isInstanceOf(SbiException.class).hasMessageContaining("reference samples row 1 has 1 values");
        assertThatThrownBy(() -> CornerPlot.of(List.of("a", "b"), new double[][] {{1, Double.NaN}}, null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("no sample of 'b' is a finite number");
        assertThatThrownBy(() -> CornerPlot.of(List.of(), two, null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("parameter names are missing");
        assertThatThrownBy(() -> CornerPlot.of(names(41), new double[][] {new double[41]}, null, null))
                .isInstanceOf(SbiException.class).hasMessageContaining("41 parameters are too many");
    }

    @Test
    void constantParametersStillGetARange() {
        double[][] samples = new double[100][2];
        for (int r = 0; r < 100; r++) {
            samples[r][0] = 3;
            samples[r][1] = r;
        }
        Figure figure = CornerPlot.of(List.of("fixed", "moving"), samples, new double[] {3, 50}, null);
        assertThat(Pictures.pixelsOf(Pictures.decode(figure), Style.TRUTH.getRGB())).isGreaterThan(0);
    }

    static List<String> texts(Document document) {
        List<String> texts = new ArrayList<>();
        var nodes = document.getElementsByTagNameNS("*", "text");
        for (int k = 0; k < nodes.getLength(); k++) {
            texts.add(nodes.item(k).getTextContent());
        }
        return texts;
    }
}
