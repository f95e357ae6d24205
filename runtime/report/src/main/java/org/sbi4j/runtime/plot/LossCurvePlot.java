package org.sbi4j.runtime.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.api.SbiException;

/**
 * Training and validation loss per epoch, with the kept (best) epoch marked. Non-finite losses leave gaps. The
 * vertical range covers every loss after the first 5% of epochs (and at least the last 95%), so one huge loss
 * at the start does not flatten the rest of the curve; such early values run off the top.
 */
public final class LossCurvePlot {
    private static final String PLOT = "loss curve plot";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;

    private final double[] epochs;
    private final double[] training;
    private final double[] validation;
    private final int bestEpoch;
    private final double yMin;
    private final double yMax;

    private LossCurvePlot(double[] training, double[] validation, int bestEpoch) {
        this.training = training;
        this.validation = validation;
        this.bestEpoch = bestEpoch;
        int n = training.length;
        epochs = new double[n];
        for (int e = 0; e < n; e++) {
            epochs[e] = e + 1;
        }
        int skip = n >= 20 ? (int) Math.ceil(0.05 * n) : 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] series : new double[][] {training, validation}) {
            for (int e = 0; e < series.length; e++) {
                double v = series[e];
                if (Double.isNaN(v)) {
                    continue;
                }
                low = Math.min(low, v);
                if (e >= skip) {
                    high = Math.max(high, v);
                }
            }
        }
        if (!(high >= low)) {
            high = low;
        }
        double pad = high > low ? 0.05 * (high - low) : Math.max(1e-6, 0.05 * Math.abs(low));
        yMin = low - pad;
        yMax = high + pad;
    }

    /**
     * Draws the loss curves.
     *
     * @param training the training loss of each epoch (epoch 1 first); non-finite values are left out
     * @param validation the validation loss of each epoch, or empty (or null) when there was no validation set
     * @param bestEpoch the 1-based epoch whose parameters were kept, or null (or 0) for none
     * @return the figure
     */
    public static Figure of(List<Double> training, List<Double> validation, Integer bestEpoch) {
        if (training == null || training.isEmpty()) {
            throw SbiException.userError(PLOT + ": there are no training losses; pass the loss of each epoch");
        }
        List<Double> val = validation == null ? List.of() : validation;
        if (!val.isEmpty() && val.size() != training.size()) {
            throw SbiException.userError(PLOT + ": " + val.size() + " validation losses for " + training.size()
                    + " epochs of training losses; pass one of each per epoch, or no validation losses");
        }
        double[] train = finiteOrNaN(training);
        double[] valid = finiteOrNaN(val);
        if (Arrays.stream(train).allMatch(Double::isNaN)) {
            throw SbiException.userError(PLOT + ": none of the " + train.length
                    + " training losses is a finite number; nothing to plot");
        }
        int best = bestEpoch == null ? 0 : bestEpoch;
        if (best < 0 || best > train.length) {
            throw SbiException.userError(PLOT + ": best epoch " + best + " is outside the " + train.length
                    + " epochs; pass 1 to " + train.length + ", or null");
        }
        LossCurvePlot plot = new LossCurvePlot(train, valid, best);
        return Figure.of(WIDTH, HEIGHT, g -> plot.chart().paint(g, WIDTH, HEIGHT));
    }

    private static double[] finiteOrNaN(List<Double> values) {
        double[] out = new double[values.size()];
        for (int e = 0; e < out.length; e++) {
            Double v = values.get(e);
            out[e] = v != null && Double.isFinite(v) ? v : Double.NaN;
        }
        return out;
    }

    private static String gaps(double[] losses) {
        long missing = Arrays.stream(losses).filter(Double::isNaN).count();
        return missing == 0 ? "" : String.format(Locale.ROOT, " (%d non-finite not shown)", missing);
    }

    private XYChart chart() {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        Style.standard(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(8);
        chart.setTitle("Training");
        chart.setXAxisTitle("epoch");
        chart.setYAxisTitle("loss");
        int n = training.length;
        // an epoch of room at both ends when there are few epochs, so that end markers show; whole-number ends,
        // or XChart (seeing equal labels at both ends) would label no tick at all
        int room = n <= 40 ? 1 : 0;
        Style.ranges(chart, 1 - room, n + room, yMin, yMax);
        chart.setCustomXAxisTickLabelsFormatter(Style::wholeNumber);
        List<XYSeries> curves = new ArrayList<>();
        curves.add(Style.lineSeries(chart, "training" + gaps(training), epochs, training, Style.SAMPLES,
                Style.line(1.8f)));
        if (validation.length > 0) {
            curves.add(Style.lineSeries(chart, "validation" + gaps(validation), epochs, validation, Style.REFERENCE,
                    Style.line(1.8f)));
        }
        if (n <= 40) {
            for (XYSeries curve : curves) {
                curve.setMarker(SeriesMarkers.CIRCLE);
                curve.setMarkerColor(curve.getLineColor());
            }
        }
        if (bestEpoch > 0) {
            double[] kept = validation.length > 0 && !Double.isNaN(validation[bestEpoch - 1]) ? validation : training;
            XYSeries line = Style.lineSeries(chart, "best line", new double[] {bestEpoch, bestEpoch},
                    new double[] {yMin, yMax}, Style.MUTED, Style.dashed(1.2f));
            line.setShowInLegend(false);
            if (!Double.isNaN(kept[bestEpoch - 1])) {
                XYSeries marker = chart.addSeries(String.format(Locale.ROOT, "kept: epoch %d, loss %.4g", bestEpoch,
                        kept[bestEpoch - 1]), new double[] {bestEpoch}, new double[] {kept[bestEpoch - 1]});
                marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                marker.setMarker(SeriesMarkers.DIAMOND);
                marker.setMarkerColor(Style.TRUTH);
            }
        }
        return chart;
    }
}
