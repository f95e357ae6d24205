package org.sbi4j.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The look shared by all sbi4j figures: colours, fonts, strokes and two XChart styler presets. */
final class Style {
    static {
        ensureHeadless();
    }

    /** Samples under study (tab:blue). */
    static final Color SAMPLES = new Color(0x1F77B4);
    /** A reference to compare against (tab:orange). */
    static final Color REFERENCE = new Color(0xFF7F0E);
    /** The true parameter or the observed data (tab:red). */
    static final Color TRUTH = new Color(0xD62728);
    static final Color INK = new Color(0x222222);
    static final Color MUTED = new Color(0x606060);
    static final Color FRAME = new Color(0x9A9A9A);
    static final Color GRID = new Color(0xE8E8E8);
    static final Color BAND = new Color(0xD9D9D9);
    static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    static final String FONT_FAMILY = Font.SANS_SERIF;

    private Style() {
    }

    /** Puts AWT in headless mode unless the application decided otherwise before AWT started. */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static Font font(float size) {
        return new Font(FONT_FAMILY, Font.PLAIN, 12).deriveFont(size);
    }

    static Font bold(float size) {
        return new Font(FONT_FAMILY, Font.BOLD, 12).deriveFont(size);
    }

    static Color withAlpha(Color color, int alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    }

    /** A colour between {@code from} (t = 0) and {@code to} (t = 1). */
    static Color mix(Color from, Color to, double t) {
        double s = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(from.getRed() + s * (to.getRed() - from.getRed())),
                (int) Math.round(from.getGreen() + s * (to.getGreen() - from.getGreen())),
                (int) Math.round(from.getBlue() + s * (to.getBlue() - from.getBlue())));
    }

    static BasicStroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {5f * width, 3f * width}, 0f);
    }

    /** A standalone chart: white, light grid, readable fonts, legend inside the plot. */
    static void standard(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(FRAME);
        s.setPlotBorderVisible(true);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotGridLinesVisible(true);
        s.setPlotTicksMarksVisible(false);
        s.setChartFontColor(INK);
        s.setChartTitleFont(bold(15));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(8);
        s.setChartPadding(12);
        s.setPlotMargin(0);
        s.setPlotContentSize(1.0);
        s.setAxisTitleFont(font(13));
        s.setAxisTitlePadding(6);
        s.setAxisTickLabelsFont(font(11));
        s.setAxisTickLabelsColor(INK);
        s.setAxisTickMarksColor(FRAME);
        s.setAxisTickMarkLength(4);
        s.setAxisTickPadding(4);
        s.setLegendFont(font(12));
        s.setLegendBorderColor(GRID);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setLegendPadding(6);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendSeriesLineLength(22);
        s.setMarkerSize(5);
        s.setLocale(Locale.ROOT);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
        s.setxAxisTickLabelsFormattingFunction(Style::tickLabel);
        s.setyAxisTickLabelsFormattingFunction(Style::tickLabel);
    }

    /** A tick label in plain decimals (0.02, not .02), scientific only for very large or small values. */
    static String tickLabel(Double value) {
        double x = value;
        if (x == 0 || !Double.isFinite(x)) {
            return x == 0 ? "0" : String.valueOf(x);
        }
        if (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4) {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        String s = new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * A bare panel of a multi-panel figure: only the plot and its frame, data mapped onto the whole chart, so that
     * panels of the same size line up exactly; ticks and labels are drawn by the figure.
     */
    static void bare(XYStyler s) {
        s.setChartBackgroundColor(TRANSPARENT);
        s.setPlotBackgroundColor(TRANSPARENT);
        s.setPlotBorderColor(FRAME);
        s.setPlotBorderVisible(true);
        s.setPlotGridLinesVisible(false);
        s.setPlotTicksMarksVisible(false);
        s.setChartTitleVisible(false);
        s.setLegendVisible(false);
        s.setAxisTicksVisible(false);
        s.setAxisTitlesVisible(false);
        s.setChartPadding(0);
        s.setPlotMargin(0);
        s.setPlotContentSize(1.0);
        s.setMarkerSize(7);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    /**
     * Fixes the axis ranges of a chart that has no series yet, and adds a first, invisible series that keeps
     * XChart's tick calculation on its regular path: when the x (or y) values of all series are equally spaced
     * (histogram edges, epochs) XChart 3.8.8 places ticks only on data values and loops forever if two labels
     * do not fit side by side.
     */
    static void ranges(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
        if (!chart.getSeriesMap().isEmpty()) {
            throw new IllegalStateException("fix the ranges before adding series");
        }
        chart.getStyler().setXAxisMin(xMin);
        chart.getStyler().setXAxisMax(xMax);
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        XYSeries guard = lineSeries(chart, " ", new double[] {xMin, xMax, xMin + 0.3 * (xMax - xMin)},
                new double[] {yMin, yMax, yMin + 0.3 * (yMax - yMin)}, TRANSPARENT, new BasicStroke(0f));
        guard.setShowInLegend(false);
    }

    /**
     * Tick labels for whole numbers only (XChart cannot draw an empty label, so others become a space). The axis
     * must start and end on whole numbers.
     */
    static String wholeNumber(Double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%d", (long) x.doubleValue()) : " ";
    }

    /** A plain line series without markers. */
    static XYSeries lineSeries(XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke stroke) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        return series;
    }

    /** A filled polygon (closed by XChart) without outline. */
    static XYSeries polygonSeries(XYChart chart, String name, double[] x, double[] y, Color fill) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(fill);
        series.setLineColor(TRANSPARENT);
        series.setLineStyle(new BasicStroke(0f));
        return series;
    }

    /** A graphics context for measuring text outside of painting. */
    static Graphics2D measuringGraphics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        Figure.hints(g);
        return g;
    }
}
