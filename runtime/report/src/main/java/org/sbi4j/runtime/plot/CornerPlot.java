package org.sbi4j.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.api.SbiException;

/**
 * A corner plot (pair plot) of samples of a d-dimensional parameter: a lower-triangular d × d grid with the
 * one-dimensional histogram of each parameter on the diagonal ({@value #BINS} bins, normalised as densities)
 * and the two-dimensional density of each pair below it: a smoothed 2-D histogram shaded from light to dark,
 * fading out beyond its 95% highest-density region, with contour lines around the 68% and 95% regions. Optional overlays: the true parameter (red lines and a square
 * marker) and reference samples (orange histograms and contours), e.g. a reference posterior.
 *
 * <p>Each parameter has one axis range in every panel: the 1st to 99th percentile of the samples and reference
 * samples together, widened to include the true value, then padded by 10% of its width on each side (so about
 * 1% of the mass of each tail may fall outside). Tick labels and parameter names are drawn on the outer panels
 * only. Panels are 300 pixels for up to six parameters and shrink beyond that so that the figure stays within
 * about 1,900 pixels; at most {@value #MAX_PARAMETERS} parameters. Samples with a non-finite value are left out
 * (per panel, only where that value is needed) and their number is shown in the legend.
 */
public final class CornerPlot {
    /** Histogram bins of the diagonal panels. */
    public static final int BINS = 40;
    /** The most parameters one corner plot shows. */
    public static final int MAX_PARAMETERS = 40;

    private static final String PLOT = "corner plot";
    private static final double[] CONTOUR_MASSES = {0.68, 0.95};
    private static final double OPAQUE_MASS = 0.95;
    private static final double TAIL = 0.01;
    private static final double PADDING = 0.10;
    private static final Color DENSITY_LIGHT = Style.mix(Color.WHITE, Style.SAMPLES, 0.10);
    private static final Color DENSITY_DARK = Style.mix(Style.SAMPLES, Color.BLACK, 0.15);
    private static final Color SAMPLE_CONTOUR = Style.mix(Style.SAMPLES, Color.BLACK, 0.55);

    private final List<String> names;
    private final int d;
    private final double[] truth;
    private final boolean hasReference;
    private final int sampleCount;
    private final int referenceCount;
    private final int nonFiniteRows;
    private final double[] lo;
    private final double[] hi;
    private final Ticks[] ticks;
    private final double[][] histograms;
    private final double[][] referenceHistograms;
    private final double[] diagonalTop;
    private final Density2d[][] densities;
    private final Density2d[][] referenceDensities;

    private final Layout layout;

    /** Pixel geometry of the grid. */
    private record Layout(int panel, int gap, int left, int top, int width, int height, Font tickFont, Font nameFont,
            Font legendFont, int tickLength) {
        int panelX(int column) {
            return left + column * (panel + gap);
        }

        int panelY(int row) {
            return top + row * (panel + gap);
        }
    }

    private CornerPlot(List<String> names, double[][] samples, double[] truth, double[][] reference) {
        this.names = names;
        this.d = names.size();
        this.truth = truth == null ? null : truth.clone();
        this.hasReference = reference != null;
        this.sampleCount = samples.length;
        this.referenceCount = hasReference ? reference.length : 0;
        this.nonFiniteRows = Inputs.rowsWithNonFinite(samples) + (hasReference ? Inputs.rowsWithNonFinite(reference) : 0);

        double[][] columns = new double[d][];
        double[][] referenceColumns = new double[d][];
        lo = new double[d];
        hi = new double[d];
        for (int j = 0; j < d; j++) {
            columns[j] = Inputs.column(samples, j);
            referenceColumns[j] = hasReference ? Inputs.column(reference, j) : new double[0];
            range(j, columns[j], referenceColumns[j]);
        }

        histograms = new double[d][];
        referenceHistograms = new double[d][];
        diagonalTop = new double[d];
        for (int j = 0; j < d; j++) {
            histograms[j] = Binning.density(columns[j], lo[j], hi[j], BINS);
            double top = max(histograms[j]);
            if (hasReference) {
                referenceHistograms[j] = Binning.density(referenceColumns[j], lo[j], hi[j], BINS);
                top = Math.max(top, max(referenceHistograms[j]));
            }
            diagonalTop[j] = top > 0 ? 1.1 * top : 1;
        }

        densities = new Density2d[d][];
        referenceDensities = new Density2d[d][];
        int grid = gridSize(samples.length);
        int referenceGrid = gridSize(referenceCount);
        for (int i = 1; i < d; i++) {
            densities[i] = new Density2d[i];
            referenceDensities[i] = new Density2d[i];
            for (int j = 0; j < i; j++) {
                densities[i][j] = Density2d.of(columns[j], columns[i], lo[j], hi[j], lo[i], hi[i], grid);
                if (hasReference) {
                    referenceDensities[i][j] = Density2d.of(referenceColumns[j], referenceColumns[i], lo[j], hi[j],
                            lo[i], hi[i], referenceGrid);
                }
            }
        }

        layout = layout();
        ticks = new Ticks[d];
        Graphics2D g = Style.measuringGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(layout.tickFont);
            int maxTicks = layout.panel >= 200 ? 5 : layout.panel >= 120 ? 4 : 3;
            for (int j = 0; j < d; j++) {
                ticks[j] = Ticks.fitting(lo[j], hi[j], maxTicks, layout.panel, metrics, true, 10);
            }
        } finally {
            g.dispose();
        }
    }

    /**
     * Draws the corner plot.
     *
     * @param names one name per parameter (d names, 1 ≤ d ≤ {@value #MAX_PARAMETERS})
     * @param samples the samples, one row of d values each (e.g. 10,000 posterior samples)
     * @param truth the true parameter (d finite values), or null
     * @param reference reference samples drawn in a second colour (rows of d values), or null
     * @return the figure
     */
    public static Figure of(List<String> names, double[][] samples, double[] truth, double[][] reference) {
        List<String> checked = Inputs.names(PLOT, "parameter names", names);
        int d = checked.size();
        if (d > MAX_PARAMETERS) {
            throw SbiException.userError(PLOT + ": " + d + " parameters are too many for one corner plot (at most "
                    + MAX_PARAMETERS + "); plot a subset of the parameters");
        }
        Inputs.matrix(PLOT, "samples", samples, d, "parameter names");
        if (truth != null) {
            if (truth.length != d) {
                throw SbiException.userError(PLOT + ": the true parameter has " + truth.length + " values but there are "
                        + d + " parameter names");
            }
            Inputs.finite(PLOT, "the true value", truth, checked);
        }
        if (reference != null) {
            Inputs.matrix(PLOT, "reference samples", reference, d, "parameter names");
        }
        CornerPlot plot = new CornerPlot(checked, samples, truth, reference);
        return Figure.of(plot.layout.width, plot.layout.height, plot::paint);
    }

    private void range(int j, double[] column, double[] referenceColumn) {
        double[] sorted = Binning.sortedFinite(column);
        if (sorted.length == 0) {
            throw SbiException.userError(PLOT + ": no sample of '" + names.get(j)
                    + "' is a finite number; nothing to plot for it");
        }
        double[] all = sorted;
        if (referenceColumn.length > 0) {
            double[] referenceSorted = Binning.sortedFinite(referenceColumn);
            all = new double[sorted.length + referenceSorted.length];
            System.arraycopy(sorted, 0, all, 0, sorted.length);
            System.arraycopy(referenceSorted, 0, all, sorted.length, referenceSorted.length);
            Arrays.sort(all);
        }
        double low = Binning.quantile(all, TAIL);
        double high = Binning.quantile(all, 1 - TAIL);
        if (truth != null) {
            low = Math.min(low, truth[j]);
            high = Math.max(high, truth[j]);
        }
        double span = high - low;
        if (!(span > 1e-12 * Math.max(1, Math.abs(high)))) {
            span = Math.max(1e-6, Math.abs(high) * 0.2);
            low -= span / 2;
            high += span / 2;
        }
        lo[j] = low - PADDING * span;
        hi[j] = high + PADDING * span;
    }

    private static int gridSize(int count) {
        return (int) Math.max(16, Math.min(70, Math.round(0.7 * Math.sqrt(count))));
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private Layout layout() {
        int panel = d == 1 ? 360 : Math.max(48, Math.min(300, 1800 / d));
        int gap = panel >= 120 ? 8 : 4;
        Font tickFont = Style.font(panel >= 140 ? 11 : 9);
        Font nameFont = Style.font(panel >= 140 ? 14 : 11);
        Font legendFont = Style.font(panel >= 140 ? 13 : 11);
        int tickLength = 4;
        Graphics2D g = Style.measuringGraphics();
        try {
            FontMetrics tickMetrics = g.getFontMetrics(tickFont);
            FontMetrics nameMetrics = g.getFontMetrics(nameFont);
            double yLabels = 0;
            for (int i = 1; i < d; i++) {
                yLabels = Math.max(yLabels, widestTickLabel(i, tickMetrics, panel));
            }
            int left = d == 1 ? 20 : (int) Math.ceil(12 + nameMetrics.getAscent() + 10 + yLabels + tickLength + 4);
            int bottom = tickLength + 4 + tickMetrics.getAscent() + 10 + nameMetrics.getAscent() + 14;
            int top = d == 1 ? 16 + legendLines().size() * lineHeight(legendFont, g) : 14;
            int size = d * panel + (d - 1) * gap;
            return new Layout(panel, gap, left, top, left + size + 20, top + size + bottom, tickFont, nameFont,
                    legendFont, tickLength);
        } finally {
            g.dispose();
        }
    }

    private double widestTickLabel(int j, FontMetrics metrics, int panel) {
        int maxTicks = panel >= 200 ? 5 : panel >= 120 ? 4 : 3;
        Ticks t = Ticks.fitting(lo[j], hi[j], maxTicks, panel, metrics, true, 10);
        double widest = 0;
        for (String label : t.labels()) {
            widest = Math.max(widest, metrics.stringWidth(label));
        }
        return widest;
    }

    private static int lineHeight(Font font, Graphics2D g) {
        return (int) Math.ceil(g.getFontMetrics(font).getHeight() * 1.25);
    }

    private void paint(Graphics2D g) {
        PlotArea frame = PlotArea.of(bareChart(0, 1, 0, 1), 0, 1, 0, 1);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                Graphics2D panel = (Graphics2D) g.create();
                try {
                    panel.translate(layout.panelX(j), layout.panelY(i));
                    if (i == j) {
                        paintDiagonal(panel, i);
                    } else {
                        paintPair(panel, i, j, frame.withRanges(lo[j], hi[j], lo[i], hi[i]));
                    }
                } finally {
                    panel.dispose();
                }
            }
        }
        paintAxes(g, frame);
        paintLegend(g);
    }

    private XYChart bareChart(double xMin, double xMax, double yMin, double yMax) {
        XYChart chart = new XYChart(layout.panel, layout.panel);
        Style.bare(chart.getStyler());
        Style.ranges(chart, xMin, xMax, yMin, yMax);
        return chart;
    }

    private void paintDiagonal(Graphics2D g, int j) {
        XYChart chart = bareChart(lo[j], hi[j], 0, diagonalTop[j]);
        double[][] outline = Binning.stepOutline(histograms[j], lo[j], hi[j]);
        XYSeries samples = chart.addSeries("samples", outline[0], outline[1]);
        samples.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        samples.setMarker(SeriesMarkers.NONE);
        samples.setFillColor(Style.withAlpha(Style.SAMPLES, 70));
        samples.setLineColor(Style.SAMPLES);
        samples.setLineStyle(Style.line(1.4f));
        if (hasReference) {
            double[][] referenceOutline = Binning.stepOutline(referenceHistograms[j], lo[j], hi[j]);
            Style.lineSeries(chart, "reference", referenceOutline[0], referenceOutline[1], Style.REFERENCE,
                    Style.line(1.6f));
        }
        if (truth != null) {
            Style.lineSeries(chart, "truth", new double[] {truth[j], truth[j]}, new double[] {0, diagonalTop[j]},
                    Style.TRUTH, Style.line(1.6f));
        }
        chart.paint(g, layout.panel, layout.panel);
    }

    private void paintPair(Graphics2D g, int i, int j, PlotArea area) {
        Density2d density = densities[i][j];
        BufferedImage image = density.image(density.levelEnclosing(OPAQUE_MASS), DENSITY_LIGHT, DENSITY_DARK, 0.8);
        Rectangle2D plot = area.rectangle();
        Graphics2D clipped = (Graphics2D) g.create();
        try {
            clipped.clip(plot);
            clipped.drawImage(image, (int) Math.round(plot.getX()), (int) Math.round(plot.getY()),
                    (int) Math.round(plot.getWidth()), (int) Math.round(plot.getHeight()), null);
            clipped.setStroke(Style.line(1.1f));
            clipped.setColor(SAMPLE_CONTOUR);
            for (double mass : CONTOUR_MASSES) {
                clipped.draw(Contours.at(density, density.levelEnclosing(mass), area));
            }
            if (hasReference) {
                Density2d reference = referenceDensities[i][j];
                clipped.setColor(Style.REFERENCE);
                clipped.setStroke(Style.line(1.5f));
                for (double mass : CONTOUR_MASSES) {
                    clipped.draw(Contours.at(reference, reference.levelEnclosing(mass), area));
                }
            }
        } finally {
            clipped.dispose();
        }
        XYChart chart = bareChart(lo[j], hi[j], lo[i], hi[i]);
        if (truth != null) {
            Style.lineSeries(chart, "truth x", new double[] {truth[j], truth[j]}, new double[] {lo[i], hi[i]},
                    Style.TRUTH, Style.line(1.2f));
            Style.lineSeries(chart, "truth y", new double[] {lo[j], hi[j]}, new double[] {truth[i], truth[i]},
                    Style.TRUTH, Style.line(1.2f));
            XYSeries marker = chart.addSeries("truth", new double[] {truth[j]}, new double[] {truth[i]});
            marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marker.setMarker(SeriesMarkers.SQUARE);
            marker.setMarkerColor(Style.TRUTH);
        }
        chart.paint(g, layout.panel, layout.panel);
    }

    private void paintAxes(Graphics2D g, PlotArea frame) {
        g.setStroke(new BasicStroke(1f));
        FontMetrics tickMetrics = g.getFontMetrics(layout.tickFont);
        FontMetrics nameMetrics = g.getFontMetrics(layout.nameFont);
        double halfGap = layout.gap / 2.0;
        int bottomRow = layout.panelY(d - 1);
        double axisY = bottomRow + frame.bottom();
        double labelY = axisY + layout.tickLength + 4 + Text.capHeight(tickMetrics) / 2;
        double nameY = labelY + Text.capHeight(tickMetrics) / 2 + 10 + Text.capHeight(nameMetrics) / 2 + 4;
        for (int j = 0; j < d; j++) {
            PlotArea area = frame.withRanges(lo[j], hi[j], 0, 1);
            double x0 = layout.panelX(j);
            for (int k = 0; k < ticks[j].values().length; k++) {
                double x = x0 + area.x(ticks[j].values()[k]);
                String label = ticks[j].labels().get(k);
                double half = Text.width(g, label, layout.tickFont) / 2;
                if (x - half < x0 + frame.left() - halfGap || x + half > x0 + frame.right() + halfGap) {
                    continue;
                }
                g.setColor(Style.FRAME);
                g.draw(new Line2D.Double(x, axisY, x, axisY + layout.tickLength));
                Text.draw(g, label, x, labelY, Text.Anchor.CENTER, layout.tickFont, Style.INK);
            }
            String name = Text.fit(g, names.get(j), layout.nameFont, layout.panel + layout.gap - 2);
            Text.draw(g, name, x0 + frame.left() + frame.width() / 2, nameY, Text.Anchor.CENTER, layout.nameFont,
                    Style.INK);
        }
        double axisX = layout.panelX(0) + frame.left();
        double labelX = axisX - layout.tickLength - 4;
        double widest = 0;
        for (int i = 1; i < d; i++) {
            for (String label : ticks[i].labels()) {
                widest = Math.max(widest, Text.width(g, label, layout.tickFont));
            }
        }
        double nameX = labelX - widest - 10 - nameMetrics.getAscent() / 2.0;
        for (int i = 1; i < d; i++) {
            PlotArea area = frame.withRanges(0, 1, lo[i], hi[i]);
            double y0 = layout.panelY(i);
            double half = Text.capHeight(tickMetrics) / 2 + 1;
            for (int k = 0; k < ticks[i].values().length; k++) {
                double y = y0 + area.y(ticks[i].values()[k]);
                if (y - half < y0 + frame.top() - halfGap || y + half > y0 + frame.bottom() + halfGap) {
                    continue;
                }
                g.setColor(Style.FRAME);
                g.draw(new Line2D.Double(axisX - layout.tickLength, y, axisX, y));
                Text.draw(g, ticks[i].labels().get(k), labelX, y, Text.Anchor.RIGHT, layout.tickFont, Style.INK);
            }
            String name = Text.fit(g, names.get(i), layout.nameFont, layout.panel + layout.gap - 2);
            Text.drawVertical(g, name, nameX, y0 + frame.top() + frame.height() / 2, layout.nameFont, Style.INK);
        }
    }

    /** A legend line: the colour of its key (null for a note without key) and its text. */
    private record LegendLine(Color key, String text) {
    }

    private List<LegendLine> legendLines() {
        List<LegendLine> lines = new ArrayList<>();
        lines.add(new LegendLine(Style.SAMPLES, String.format(Locale.ROOT, "samples (n = %d)", sampleCount)));
        if (hasReference) {
            lines.add(new LegendLine(Style.REFERENCE, String.format(Locale.ROOT, "reference (n = %d)", referenceCount)));
        }
        if (truth != null) {
            lines.add(new LegendLine(Style.TRUTH, "true parameter"));
        }
        if (d > 1) {
            lines.add(new LegendLine(null, "contours: 68% and 95% regions"));
        }
        if (nonFiniteRows > 0) {
            lines.add(new LegendLine(null, nonFiniteRows + (nonFiniteRows == 1 ? " sample" : " samples")
                    + " with non-finite values left out"));
        }
        return lines;
    }

    private void paintLegend(Graphics2D g) {
        List<LegendLine> lines = legendLines();
        int lineHeight = lineHeight(layout.legendFont, g);
        double keyWidth = 24;
        double textWidth = 0;
        for (LegendLine line : lines) {
            textWidth = Math.max(textWidth, Text.width(g, line.text(), layout.legendFont));
        }
        double available = d == 1 ? layout.panel : (d - 1) * (layout.panel + layout.gap) - 12;
        textWidth = Math.min(textWidth, available - keyWidth - 8);
        double right = layout.panelX(d - 1) + layout.panel;
        double x = right - keyWidth - 8 - textWidth;
        double y = (d == 1 ? 12 : layout.top + 4) + lineHeight / 2.0;
        for (LegendLine line : lines) {
            Color color = line.key();
            String text = Text.fit(g, line.text(), layout.legendFont, textWidth);
            if (color == null) {
                Text.draw(g, text, x + keyWidth + 8, y, Text.Anchor.LEFT, layout.legendFont, Style.MUTED);
            } else {
                g.setColor(color);
                g.setStroke(Style.line(2.5f));
                g.draw(new Line2D.Double(x, y, x + keyWidth - 4, y));
                if (color == Style.TRUTH) {
                    g.fill(new Rectangle2D.Double(x + keyWidth / 2 - 5.5, y - 3.5, 7, 7));
                }
                Text.draw(g, text, x + keyWidth + 8, y, Text.Anchor.LEFT, layout.legendFont, Style.INK);
            }
            y += lineHeight;
        }
    }
}
