package org.sbi4j.runtime.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.util.List;
import java.util.function.IntFunction;
import org.knowm.xchart.XYChart;

/**
 * Small charts of the same size in rows (up to four per row) under a heading (and lines of explanation) and over a caption, each with its
 * name (and an optional note) above it as real text.
 */
final class PanelGrid {
    private static final int TITLE_HEIGHT = 24;
    private static final int GAP = 10;
    private static final int MARGIN = 16;

    private final int count;
    private final int columns;
    private final int panelWidth;
    private final int panelHeight;
    private final String heading;
    private final List<String> subheadings;
    private final String caption;
    private final int headerHeight;

    PanelGrid(int count, int panelWidth, int panelHeight, String heading, List<String> subheadings, String caption) {
        this.count = count;
        this.columns = count == 1 ? 1 : count <= 4 ? 2 : count <= 9 ? 3 : 4;
        this.panelWidth = panelWidth;
        this.panelHeight = panelHeight;
        this.heading = heading;
        this.subheadings = List.copyOf(subheadings);
        this.caption = caption;
        this.headerHeight = 12 + (heading == null ? 0 : 24) + 18 * subheadings.size() + (subheadings.isEmpty() ? 0 : 4);
    }

    int width() {
        return 2 * MARGIN + columns * panelWidth + (columns - 1) * GAP;
    }

    int height() {
        int rows = (count + columns - 1) / columns;
        return headerHeight + rows * (TITLE_HEIGHT + panelHeight) + (rows - 1) * GAP + (caption == null ? 12 : 40);
    }

    /**
     * Paints every panel.
     *
     * @param charts builds panel k's chart (of {@code panelWidth × panelHeight})
     * @param titles panel k's name
     * @param notes panel k's note shown after the name in grey, or null
     */
    void paint(Graphics2D g, IntFunction<XYChart> charts, IntFunction<String> titles, IntFunction<String> notes) {
        double y = 12;
        if (heading != null) {
            Text.draw(g, Text.fit(g, heading, Style.bold(15), width() - 2 * MARGIN), MARGIN, y + 10, Text.Anchor.LEFT,
                    Style.bold(15), Style.INK);
            y += 24;
        }
        for (String line : subheadings) {
            Text.draw(g, Text.fit(g, line, Style.font(12), width() - 2 * MARGIN), MARGIN, y + 8, Text.Anchor.LEFT,
                    Style.font(12), Style.MUTED);
            y += 18;
        }
        Font titleFont = Style.bold(13);
        Font noteFont = Style.font(12);
        double lastBottom = 0;
        for (int k = 0; k < count; k++) {
            int column = k % columns;
            int row = k / columns;
            int x0 = MARGIN + column * (panelWidth + GAP);
            int y0 = headerHeight + row * (TITLE_HEIGHT + panelHeight + GAP) + TITLE_HEIGHT;
            XYChart chart = charts.apply(k);
            Graphics2D panel = (Graphics2D) g.create();
            try {
                panel.translate(x0, y0);
                chart.paint(panel, panelWidth, panelHeight);
            } finally {
                panel.dispose();
            }
            double plotLeft = x0 + chart.getScreenXFromChart(chart.getStyler().getXAxisMin());
            double plotRight = x0 + chart.getScreenXFromChart(chart.getStyler().getXAxisMax());
            String note = notes.apply(k);
            double noteWidth = note == null ? 0 : Text.width(g, note, noteFont) + 8;
            String title = Text.fit(g, titles.apply(k), titleFont, plotRight - plotLeft - noteWidth);
            double titleWidth = Text.width(g, title, titleFont);
            double start = (plotLeft + plotRight) / 2 - (titleWidth + noteWidth) / 2;
            double middle = y0 - TITLE_HEIGHT / 2.0 + 2;
            Text.draw(g, title, start, middle, Text.Anchor.LEFT, titleFont, Style.INK);
            if (note != null) {
                Text.draw(g, note, start + titleWidth + 8, middle, Text.Anchor.LEFT, noteFont, Style.TRUTH);
            }
            lastBottom = Math.max(lastBottom, y0 + panelHeight);
        }
        if (caption != null) {
            Text.draw(g, caption, width() / 2.0, lastBottom + 20, Text.Anchor.CENTER, Style.font(13), Style.INK);
        }
    }

    /** A chart for one panel: the standard look without legend, title or axis titles. */
    XYChart newPanelChart() {
        XYChart chart = new XYChart(panelWidth, panelHeight);
        Style.standard(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setAxisTitlesVisible(false);
        chart.getStyler().setChartPadding(6);
        return chart;
    }
}
