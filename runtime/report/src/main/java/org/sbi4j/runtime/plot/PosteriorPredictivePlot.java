package org.sbi4j.runtime.plot;

import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.api.SbiException;

/**
 * A posterior predictive check: data simulated from posterior samples against the observed data x₀. With up to
 * {@value #PANEL_LIMIT} data dimensions each gets a panel with the histogram of its predictive values, the 5–95%
 * predictive interval shaded and x₀ as a red line (dimensions may have any scales). With more, one chart shows the
 * 5–95% band and the median over the dimension index with x₀ on top. Non-finite predictive values (failed
 * simulations) are left out and counted.
 */
public final class PosteriorPredictivePlot {
    /** The most data dimensions drawn as separate panels. */
    public static final int PANEL_LIMIT = 16;

    private static final String PLOT = "posterior predictive plot";
    private static final int BINS = 30;
    private static final double LOW = 0.05;
    private static final double HIGH = 0.95;

    private final List<String> names;
    private final double[] observed;
    private final int draws;
    private final int nonFinite;
    private final double[] low;
    private final double[] median;
    private final double[] high;
    private final double[][] histograms;
    private final double[] rangeLow;
    private final double[] rangeHigh;
    private final int outside;

    private PosteriorPredictivePlot(List<String> names, double[][] predictive, double[] observed) {
        this.names = names;
        this.observed = observed.clone();
        this.draws = predictive.length;
        int d = names.size();
        boolean panels = d <= PANEL_LIMIT;
        low = new double[d];
        median = new double[d];
        high = new double[d];
        rangeLow = new double[d];
        rangeHigh = new double[d];
        histograms = new double[d][];
        int bad = 0;
        int out = 0;
        for (int j = 0; j < d; j++) {
            double[] column = Inputs.column(predictive, j);
            double[] sorted = Binning.sortedFinite(column);
            bad += column.length - sorted.length;
            if (sorted.length == 0) {
                throw SbiException.userError(PLOT + ": no predictive value of '" + names.get(j)
                        + "' is a finite number; every simulation of it failed");
            }
            low[j] = Binning.quantile(sorted, LOW);
            median[j] = Binning.quantile(sorted, 0.5);
            high[j] = Binning.quantile(sorted, HIGH);
            if (observed[j] < low[j] || observed[j] > high[j]) {
                out++;
            }
            if (panels) {
                double a = Math.min(Binning.quantile(sorted, 0.005), observed[j]);
                double b = Math.max(Binning.quantile(sorted, 0.995), observed[j]);
                double span = b > a ? b - a : Math.max(1e-6, Math.abs(a) * 0.2);
                if (!(b > a)) {
                    a -= span / 2;
                    b += span / 2;
                }
                rangeLow[j] = a - 0.08 * span;
                rangeHigh[j] = b + 0.08 * span;
                histograms[j] = Binning.density(column, rangeLow[j], rangeHigh[j], BINS);
            }
        }
        nonFinite = bad;
        outside = out;
    }

    /**
     * Draws the check.
     *
     * @param dataNames one name per data dimension (D names)
     * @param predictive simulated data, one row of D values per posterior sample (K × D)
     * @param observed the observed data x₀ (D finite values)
     * @return the figure
     */
    public static Figure of(List<String> dataNames, double[][] predictive, double[] observed) {
        List<String> names = Inputs.names(PLOT, "data names", dataNames);
        int d = names.size();
        Inputs.matrix(PLOT, "predictive data", predictive, d, "data names");
        if (observed == null || observed.length != d) {
            throw SbiException.userError(PLOT + ": the observation has " + (observed == null ? 0 : observed.length)
                    + " values but there are " + d + " data names");
        }
        Inputs.finite(PLOT, "the observed value", observed, names);
        PosteriorPredictivePlot plot = new PosteriorPredictivePlot(names, predictive, observed);
        if (d <= PANEL_LIMIT) {
            PanelGrid grid = new PanelGrid(d, 280, 190, "Posterior predictive check", plot.summary(), null);
            return Figure.of(grid.width(), grid.height(),
                    g -> grid.paint(g, j -> plot.panel(grid, j), names::get, j -> plot.isOutside(j) ? "outside" : null));
        }
        return Figure.of(960, 440, plot::paintBands);
    }

    private List<String> summary() {
        return List.of(String.format(Locale.ROOT, "%d simulations from posterior samples; shaded: 5–95%% interval; red: "
                + "observed", draws), String.format(Locale.ROOT, "%d of %d observed values outside the interval%s", outside,
                names.size(), nonFinite == 0 ? "" : String.format(Locale.ROOT, "; %d non-finite predictive values left out",
                nonFinite)));
    }

    private boolean isOutside(int j) {
        return observed[j] < low[j] || observed[j] > high[j];
    }

    private XYChart panel(PanelGrid grid, int j) {
        XYChart chart = grid.newPanelChart();
        double top = 0;
        for (double h : histograms[j]) {
            top = Math.max(top, h);
        }
        top = top > 0 ? top * 1.1 : 1;
        Style.ranges(chart, rangeLow[j], rangeHigh[j], 0, top);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        Style.polygonSeries(chart, "interval", new double[] {low[j], high[j], high[j], low[j]},
                new double[] {0, 0, top, top}, Style.withAlpha(Style.SAMPLES, 40));
        double[][] outline = Binning.stepOutline(histograms[j], rangeLow[j], rangeHigh[j]);
        XYSeries bars = chart.addSeries("predictive", outline[0], outline[1]);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setFillColor(Style.withAlpha(Style.SAMPLES, 90));
        bars.setLineColor(Style.SAMPLES);
        bars.setLineStyle(Style.line(1.2f));
        Style.lineSeries(chart, "observed", new double[] {observed[j], observed[j]}, new double[] {0, top}, Style.TRUTH,
                Style.line(2f));
        return chart;
    }

    private void paintBands(Graphics2D g) {
        int d = names.size();
        XYChart chart = new XYChart(960, 440);
        Style.standard(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.setTitle("Posterior predictive check");
        chart.setXAxisTitle("data dimension");
        chart.setYAxisTitle("value");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] index = new double[d];
        double[] bandX = new double[2 * d];
        double[] bandY = new double[2 * d];
        for (int j = 0; j < d; j++) {
            index[j] = j + 1;
            bandX[j] = j + 1;
            bandY[j] = high[j];
            bandX[2 * d - 1 - j] = j + 1;
            bandY[2 * d - 1 - j] = low[j];
            lo = Math.min(lo, Math.min(low[j], observed[j]));
            hi = Math.max(hi, Math.max(high[j], observed[j]));
        }
        double pad = hi > lo ? 0.06 * (hi - lo) : 1;
        Style.ranges(chart, 1, d, lo - pad, hi + pad + 0.12 * (hi - lo));
        chart.setCustomXAxisTickLabelsFormatter(Style::wholeNumber);
        Style.polygonSeries(chart, "5–95% predictive", bandX, bandY, Style.withAlpha(Style.SAMPLES, 60));
        Style.lineSeries(chart, "predictive median", index, median, Style.SAMPLES, Style.line(1.4f));
        XYSeries x0 = Style.lineSeries(chart, String.format(Locale.ROOT, "observed (%d of %d outside)", outside, d), index,
                observed, Style.TRUTH, Style.line(1.4f));
        if (d <= 80) {
            x0.setMarker(SeriesMarkers.CIRCLE);
            x0.setMarkerColor(Style.TRUTH);
        }
        chart.paint(g, 960, 440);
        if (nonFinite > 0) {
            Text.draw(g, nonFinite + " non-finite predictive values left out", 960 - 16, 440 - 10, Text.Anchor.RIGHT,
                    Style.font(11), Style.MUTED);
        }
    }
}
