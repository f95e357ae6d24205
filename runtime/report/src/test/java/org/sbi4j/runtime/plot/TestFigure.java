package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;

class TestFigure {
    private static Figure square() {
        return Figure.of(120, 80, g -> {
            g.setColor(Color.BLUE);
            g.fillRect(10, 10, 50, 30);
            Text.draw(g, "label <&>", 60, 60, Text.Anchor.CENTER, Style.font(12), Color.BLACK);
        });
    }

    @Test
    void rendersBothFormatsAtItsSize() {
        Figure figure = square();
        BufferedImage image = Pictures.decode(figure);
        assertThat(image.getWidth()).isEqualTo(120);
        assertThat(image.getHeight()).isEqualTo(80);
        assertThat(image.getRGB(30, 20) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(image.getRGB(100, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        var svg = Pictures.parseSvg(figure).getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 120 80");
        assertThat(TestCornerPlot.texts(Pictures.parseSvg(figure))).containsExactly("label <&>");
        // 12-point text gets its size spelled out, and a generic fallback family
        assertThat(figure.svg()).contains("font-size:12px").contains(",sans-serif;");
        assertThat(figure.pngDataUri()).startsWith("data:image/png;base64,");
        assertThat(Base64.getDecoder().decode(figure.pngDataUri().substring(22))).isEqualTo(figure.png());
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        double[][] samples = Samples.bimodal(3000, 9);
        Figure first = CornerPlot.of(List.of("a", "b"), samples, new double[] {0, 0}, samples);
        Figure second = CornerPlot.of(List.of("a", "b"), samples, new double[] {0, 0}, samples);
        assertThat(first.png()).isEqualTo(second.png());
        assertThat(first.svg()).isEqualTo(second.svg());
        Figure other = CornerPlot.of(List.of("a", "b"), samples, new double[] {0, 0.5}, samples);
        assertThat(other.png()).isNotEqualTo(first.png());
    }

    @Test
    void writeCreatesBothFilesAndNoLeftovers(@TempDir Path directory) throws IOException {
        Figure figure = square();
        Path nested = directory.resolve("report/plots");
        figure.write(nested, "square");
        assertThat(Files.readAllBytes(nested.resolve("square.png"))).isEqualTo(figure.png());
        assertThat(Files.readString(nested.resolve("square.svg"))).isEqualTo(figure.svg());
        figure.write(nested, "square"); // replaces
        try (Stream<Path> files = Files.list(nested)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("square.png", "square.svg");
        }
    }

    @Test
    void badArgumentsAreExplained(@TempDir Path directory) {
        assertThatThrownBy(() -> square().write(directory, "../up")).isInstanceOf(SbiException.class)
                .hasMessageContaining("plain, non-blank file name");
        assertThatThrownBy(() -> square().write(directory, " ")).isInstanceOf(SbiException.class);
        assertThatThrownBy(() -> Figure.of(0, 10, g -> { })).isInstanceOf(SbiException.class)
                .hasMessageContaining("1 to 10000 pixels");
        assertThatThrownBy(() -> Figure.of(10, 10, null)).isInstanceOf(SbiException.class);
    }
}
