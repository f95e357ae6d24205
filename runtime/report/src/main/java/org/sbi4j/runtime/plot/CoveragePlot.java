package org.sbi4j.runtime.plot;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.api.SbiException;

/**
 * An expected-coverage curve: for each credibility level, the fraction of simulations whose true parameter fell
 * inside the credible region of that level, against the diagonal of perfect calibration, with a band of ±2
 * standard errors. Below the diagonal the posterior is over-confident, above it under-confident. The same
 * picture serves the TARP expected coverage probability (ECP) curve. Both axes run from 0 to 1 and the plot area
 * is square.
 */
public final class CoveragePlot {
    private static final String PLOT = "coverage plot";
    private static final int SIZE = 520;
    private static final double EDGE = 0.004;

    private final double[] levels;
    private final double[] empirical;
    private final double[] standardErrors;
    private final String title;
    private final int width;

    private CoveragePlot(double[] levels, double[] empirical, double[] standardErrors, String title) {
        Integer[] order = IntStream.range(0, levels.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(k -> levels[k]));
        this.levels = Arrays.stream(order).mapToDouble(k -> levels[k]).toArray();
        this.empirical = Arrays.stream(order).mapToDouble(k -> empirical[k]).toArray();
        this.standardErrors = standardErrors == null ? null : Arrays.stream(order).mapToDouble(k -> standardErrors[k]).toArray();
        this.title = title;
        PlotArea area = PlotArea.of(chart(SIZE), -EDGE, 1 + EDGE, -EDGE, 1 + EDGE);
        this.width = (int) Math.round(SIZE + area.height() - area.width());
    }

    /**
     * Draws the coverage curve.
     *
     * @param levels credibility levels in [0, 1] (any order)
     * @param empirical the empirical coverage at each level, in [0, 1]
     * @param standardErrors the standard error of each empirical coverage (≥ 0), or null for no band
     * @param title the chart title, or null for "Expected coverage"
     * @return the figure
     */
    public static Figure of(double[] levels, double[] empirical, double[] standardErrors, String title) {
        if (levels == null || levels.length == 0) {
            throw SbiException.userError(PLOT + ": no credibility levels; pass at least one level with its coverage");
        }
        if (empirical == null || empirical.length != levels.length) {
            throw SbiException.userError(PLOT + ": " + (empirical == null ? 0 : empirical.length)
                    + " empirical coverages for " + levels.length + " credibility levels; pass one coverage per level");
        }
        if (standardErrors != null && standardErrors.length != levels.length) {
            throw SbiException.userError(PLOT + ": " + standardErrors.length + " standard errors for " + levels.length
                    + " credibility levels; pass one per level, or null");
        }
        for (int k = 0; k < levels.length; k++) {
            unitInterval("credibility level", k, levels[k]);
            unitInterval("empirical coverage", k, empirical[k]);
            if (standardErrors != null && !(standardErrors[k] >= 0 && Double.isFinite(standardErrors[k]))) {
                throw SbiException.userError(PLOT + ": standard error number " + (k + 1) + " is " + standardErrors[k]
                        + "; standard errors must be finite and not negative");
            }
        }
        CoveragePlot plot = new CoveragePlot(levels, empirical, standardErrors,
                title == null || title.isBlank() ? "Expected coverage" : title);
        return Figure.of(plot.width, SIZE, g -> plot.chart(plot.width).paint(g, plot.width, SIZE));
    }

    private static void unitInterval(String what, int k, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw SbiException.userError(PLOT + ": " + what + " number " + (k + 1) + " is " + value
                    + "; it must lie between 0 and 1");
        }
    }

    private XYChart chart(int chartWidth) {
        XYChart chart = new XYChart(chartWidth, SIZE);
        Style.standard(chart.getStyler());
        chart.setTitle(title);
        chart.setXAxisTitle("credibility level");
        chart.setYAxisTitle("empirical coverage");
        // a hair beyond 0 and 1, so that XChart labels both ends
        Style.ranges(chart, -EDGE, 1 + EDGE, -EDGE, 1 + EDGE);
        if (standardErrors != null) {
            int n = levels.length;
            double[] x = new double[2 * n];
            double[] y = new double[2 * n];
            for (int k = 0; k < n; k++) {
                x[k] = levels[k];
                y[k] = Math.min(1, empirical[k] + 2 * standardErrors[k]);
                x[2 * n - 1 - k] = levels[k];
                y[2 * n - 1 - k] = Math.max(0, empirical[k] - 2 * standardErrors[k]);
            }
            Style.polygonSeries(chart, "±2 standard errors", x, y, Style.withAlpha(Style.SAMPLES, 55));
        }
        Style.lineSeries(chart, "calibrated", new double[] {0, 1}, new double[] {0, 1}, Style.MUTED, Style.dashed(1.3f));
        XYSeries curve = Style.lineSeries(chart, "empirical", levels, empirical, Style.SAMPLES, Style.line(2f));
        if (levels.length <= 30) {
            curve.setMarker(SeriesMarkers.CIRCLE);
            curve.setMarkerColor(Style.SAMPLES);
        }
        return chart;
    }
}
