package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Test helpers: decoding and inspecting rendered figures, and keeping them for a human to look at. */
final class Pictures {
    /** Figures of a test run land here, to be looked at. */
    static final Path OUTPUT = Path.of("target", "plots");

    private Pictures() {
    }

    static BufferedImage decode(Figure figure) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(figure.png()));
            assertThat(image).as("PNG decodes").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Document parseSvg(Figure figure) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // the SVG names the W3C DTD; do not fetch it
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(figure.svg().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("SVG does not parse as XML", e);
        }
    }

    /** Distinct RGB colours in a rectangle. */
    static int distinctColours(BufferedImage image, int x0, int y0, int width, int height) {
        Set<Integer> colours = new HashSet<>();
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    /** Fraction of pixels in a rectangle that are not white. */
    static double inkedFraction(BufferedImage image, int x0, int y0, int width, int height) {
        long inked = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        return inked / (double) (width * height);
    }

    /** Pixels of exactly this RGB colour. */
    static int pixelsOf(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Writes the figure to target/plots for a human to look at. */
    static void keep(Figure figure, String name) {
        try {
            figure.write(OUTPUT, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
