package org.sbi4j.runtime.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.io.AtomicWrite;

/**
 * A picture of a fixed size in pixels, drawn on demand as PNG or SVG from one painting routine. Each format is
 * rendered at most once and kept; the same figure always gives the same bytes. Works without a display: AWT is
 * put in headless mode unless the application chose otherwise before.
 */
public final class Figure {
    static {
        Style.ensureHeadless();
    }

    private static final Pattern FONT_FAMILY = Pattern.compile("font-family:(&quot;[^;\"]*?&quot;|[^;\"]+);");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\s[\\w:-]+)=\"([^\"]*)\"");
    private static final Pattern TEXT_STYLE = Pattern.compile("(<text[^>]*?style=\")([^\"]*)(\")");
    private static final Pattern LONG_DECIMAL = Pattern.compile("(-?\\d+\\.\\d{3,})(?![\\d.])");

    private final int width;
    private final int height;
    private final Consumer<Graphics2D> painter;
    private byte[] png;
    private String svg;

    private Figure(int width, int height, Consumer<Graphics2D> painter) {
        this.width = width;
        this.height = height;
        this.painter = painter;
    }

    /**
     * A figure drawn by {@code painter} on a white canvas of {@code width × height} pixels. The painter must
     * draw the same picture each time it is called (it is called once per format).
     *
     * @param width width in pixels, 1 to 10,000
     * @param height height in pixels, 1 to 10,000
     * @param painter draws the picture; receives a graphics context with anti-aliasing switched on
     * @return the figure
     */
    public static Figure of(int width, int height, Consumer<Graphics2D> painter) {
        if (width < 1 || width > 10_000 || height < 1 || height > 10_000) {
            throw SbiException.userError("a figure must be 1 to 10000 pixels wide and high, not " + width + " x " + height);
        }
        if (painter == null) {
            throw SbiException.userError("a figure needs a painter; painter is null");
        }
        return new Figure(width, height, painter);
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /**
     * The picture as a PNG image (RGB, {@link #width()} × {@link #height()} pixels).
     *
     * @return a fresh copy of the PNG bytes
     */
    public synchronized byte[] png() {
        if (png == null) {
            png = renderPng();
        }
        return png.clone();
    }

    /**
     * The picture as an SVG 1.1 document with a viewBox of {@link #width()} × {@link #height()}. Text drawn by
     * sbi4j (names, tick labels) is real SVG text; text drawn by XChart (chart titles, its axis labels) is
     * outlined as paths.
     *
     * @return the SVG text (UTF-8 XML)
     */
    public synchronized String svg() {
        if (svg == null) {
            svg = renderSvg();
        }
        return svg;
    }

    /**
     * The PNG as a data URI, for inlining into HTML: {@code <img src="data:image/png;base64,...">}.
     *
     * @return the data URI
     */
    public String pngDataUri() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png());
    }

    /**
     * Writes {@code baseName.png} and {@code baseName.svg} into {@code directory} (created when missing), each
     * through a temporary file moved into place, so that a reader never sees half a file.
     *
     * @param directory the folder
     * @param baseName the file name without extension, e.g. {@code corner}
     * @throws IOException when writing fails
     */
    public void write(Path directory, String baseName) throws IOException {
        if (directory == null) {
            throw SbiException.userError("cannot write a figure: directory is null");
        }
        if (baseName == null || baseName.isBlank() || baseName.contains("/") || baseName.contains("\\")
                || baseName.equals(".") || baseName.equals("..")) {
            throw SbiException.userError("cannot write a figure as '" + baseName
                    + "': the base name must be a plain, non-blank file name without folders or extension");
        }
        byte[] pngBytes = png();
        byte[] svgBytes = svg().getBytes(StandardCharsets.UTF_8);
        AtomicWrite.write(directory.resolve(baseName + ".png"), out -> out.write(pngBytes));
        AtomicWrite.write(directory.resolve(baseName + ".svg"), out -> out.write(svgBytes));
    }

    private byte[] renderPng() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paintOn(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String renderSvg() {
        VectorGraphics2D g = new VectorGraphics2D();
        paintOn(g);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withFontSizes(withFallbackFonts(compactNumbers(out.toString(StandardCharsets.UTF_8))));
    }

    private void paintOn(Graphics2D g) {
        hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(Style.font(12));
        g.setColor(Style.INK);
        painter.accept(g);
    }

    /**
     * Rounds coordinates in attributes to 1/100 pixel: XChart and Java 2D produce numbers like
     * {@code 4.500000000000001}, which would make up most of the file. Embedded images are left alone.
     */
    private static String compactNumbers(String svgText) {
        Matcher attribute = ATTRIBUTE.matcher(svgText);
        StringBuilder sb = new StringBuilder(svgText.length());
        while (attribute.find()) {
            String value = attribute.group(2);
            if (!attribute.group(1).trim().equals("xlink:href")) {
                Matcher number = LONG_DECIMAL.matcher(value);
                StringBuilder rounded = new StringBuilder(value.length());
                while (number.find()) {
                    number.appendReplacement(rounded, round(number.group(1)));
                }
                number.appendTail(rounded);
                value = rounded.toString();
            }
            attribute.appendReplacement(sb, Matcher.quoteReplacement(attribute.group(1) + "=\"" + value + "\""));
        }
        attribute.appendTail(sb);
        return sb.toString();
    }

    private static String round(String decimal) {
        String s = new java.math.BigDecimal(decimal).setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** VectorGraphics2D leaves out the size of 12-point text, which viewers would then draw at their default. */
    private static String withFontSizes(String svgText) {
        Matcher m = TEXT_STYLE.matcher(svgText);
        StringBuilder sb = new StringBuilder(svgText.length() + 1024);
        while (m.find()) {
            String style = m.group(2);
            String fixed = style.contains("font-size:") ? style : style + (style.endsWith(";") ? "" : ";") + "font-size:12px;";
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + fixed + m.group(3)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Java names the physical font (e.g. DejaVu Sans); viewers without it should still use a sans-serif face. */
    private static String withFallbackFonts(String svgText) {
        Matcher m = FONT_FAMILY.matcher(svgText);
        StringBuilder sb = new StringBuilder(svgText.length() + 1024);
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("font-family:" + m.group(1) + ",sans-serif;"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    }
}
