package org.sbi4j.runtime.plot;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.api.SbiException;

/**
 * Rank histograms of simulation-based calibration (SBC): for each parameter, how often the true value had rank
 * 0..L among L posterior draws, in bins, over the band that 99% of histograms of uniform ranks stay in (pointwise,
 * per bin, from the binomial distribution) and the expected count. A calibrated posterior gives flat histograms
 * inside the band; a ∪ shape means an over-confident posterior, a ∩ shape an under-confident one, a slope a bias.
 */
public final class RankHistogramPlot {
    private static final String PLOT = "rank histogram plot";
    private static final double BAND = 0.99;

    private final List<String> names;
    private final int draws;
    private final int bins;
    private final int simulations;
    private final double[][] counts;
    private final double[] expected;
    private final double[] lower;
    private final double[] upper;
    private final double[] edges;
    private final double yTop;
    private final int[] outside;
    private final PanelGrid grid;

    private RankHistogramPlot(List<String> names, int[][] ranks, int draws, int bins) {
        this.names = names;
        this.draws = draws;
        this.bins = bins;
        this.simulations = ranks.length;
        int d = names.size();
        int[] valuesPerBin = new int[bins];
        for (int r = 0; r <= draws; r++) {
            valuesPerBin[bin(r)]++;
        }
        expected = new double[bins];
        lower = new double[bins];
        upper = new double[bins];
        edges = new double[bins + 1];
        for (int b = 0; b < bins; b++) {
            double p = valuesPerBin[b] / (double) (draws + 1);
            BinomialDistribution binomial = BinomialDistribution.of(simulations, p);
            expected[b] = simulations * p;
            lower[b] = binomial.inverseCumulativeProbability((1 - BAND) / 2);
            upper[b] = binomial.inverseCumulativeProbability(1 - (1 - BAND) / 2);
            edges[b] = (double) b * (draws + 1) / bins;
        }
        edges[bins] = draws + 1;
        counts = new double[d][bins];
        outside = new int[d];
        double top = 0;
        for (int b = 0; b < bins; b++) {
            top = Math.max(top, upper[b]);
        }
        for (int[] row : ranks) {
            for (int j = 0; j < d; j++) {
                counts[j][bin(row[j])]++;
            }
        }
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < bins; b++) {
                top = Math.max(top, counts[j][b]);
                if (counts[j][b] < lower[b] || counts[j][b] > upper[b]) {
                    outside[j]++;
                }
            }
        }
        yTop = Math.max(1, top * 1.08);
        grid = new PanelGrid(d, 300, 210, "Simulation-based calibration: rank histograms",
                List.of(String.format(Locale.ROOT, "%d simulations, ranks among %d posterior draws in %d bins", simulations,
                        draws, bins), String.format(Locale.ROOT, "grey: where %d%% of bins of uniform ranks fall; dashed: "
                        + "expected count", Math.round(BAND * 100))),
                "rank of the true value among the posterior draws");
    }

    /**
     * Draws one rank histogram per parameter.
     *
     * @param names one name per parameter (d names)
     * @param ranks the ranks, one row of d values per simulation (N × d, each in 0..draws)
     * @param draws the number L of posterior draws each rank was computed among
     * @param bins the number of histogram bins, 1 to L + 1 (best a divisor of L + 1, e.g. 20 for L = 99 or 199)
     * @return the figure
     */
    public static Figure of(List<String> names, int[][] ranks, int draws, int bins) {
        List<String> checked = Inputs.names(PLOT, "parameter names", names);
        int d = checked.size();
        if (draws < 1) {
            throw SbiException.userError(PLOT + ": the number of posterior draws must be at least 1, not " + draws);
        }
        if (bins < 1 || bins > draws + 1) {
            throw SbiException.userError(PLOT + ": " + bins + " bins do not fit ranks 0.." + draws
                    + "; use 1 to " + (draws + 1) + " bins");
        }
        if (ranks == null || ranks.length == 0) {
            throw SbiException.userError(PLOT + ": ranks are empty; pass one row of ranks per simulation");
        }
        for (int r = 0; r < ranks.length; r++) {
            if (ranks[r] == null || ranks[r].length != d) {
                throw SbiException.userError(PLOT + ": rank row " + (r + 1) + " has "
                        + (ranks[r] == null ? "no" : String.valueOf(ranks[r].length)) + " values but there are " + d
                        + " parameter names");
            }
            for (int j = 0; j < d; j++) {
                if (ranks[r][j] < 0 || ranks[r][j] > draws) {
                    throw SbiException.userError(PLOT + ": rank " + ranks[r][j] + " of '" + checked.get(j) + "' in row "
                            + (r + 1) + " is outside 0.." + draws + "; a rank among " + draws
                            + " draws counts the draws below the true value");
                }
            }
        }
        RankHistogramPlot plot = new RankHistogramPlot(checked, ranks, draws, bins);
        return Figure.of(plot.grid.width(), plot.grid.height(), g -> plot.grid.paint(g, plot::chart, checked::get,
                j -> plot.outside[j] == 0 ? null : plot.outside[j] + " of " + bins + " bins outside"));
    }

    private int bin(int rank) {
        return (int) ((long) rank * bins / (draws + 1));
    }

    private XYChart chart(int j) {
        XYChart chart = grid.newPanelChart();
        Style.ranges(chart, 0, draws + 1, 0, yTop);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        double[] bandX = new double[4 * bins];
        double[] bandY = new double[4 * bins];
        for (int b = 0; b < bins; b++) {
            bandX[2 * b] = edges[b];
            bandX[2 * b + 1] = edges[b + 1];
            bandY[2 * b] = upper[b];
            bandY[2 * b + 1] = upper[b];
            bandX[4 * bins - 1 - 2 * b] = edges[b];
            bandX[4 * bins - 2 - 2 * b] = edges[b + 1];
            bandY[4 * bins - 1 - 2 * b] = lower[b];
            bandY[4 * bins - 2 - 2 * b] = lower[b];
        }
        Style.polygonSeries(chart, "band", bandX, bandY, Style.BAND);
        double[][] histogram = Binning.stepOutline(counts[j], 0, draws + 1);
        XYSeries bars = chart.addSeries("ranks", histogram[0], histogram[1]);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setFillColor(Style.withAlpha(Style.SAMPLES, 110));
        bars.setLineColor(Style.SAMPLES);
        bars.setLineStyle(Style.line(1.2f));
        double[][] expectation = Binning.stepOutline(expected, 0, draws + 1);
        int last = expectation[0].length - 1;
        Style.lineSeries(chart, "expected", Arrays.copyOfRange(expectation[0], 1, last),
                Arrays.copyOfRange(expectation[1], 1, last), Style.MUTED, Style.dashed(1.2f));
        return chart;
    }
}
