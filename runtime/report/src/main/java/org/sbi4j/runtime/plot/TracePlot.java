package org.sbi4j.runtime.plot;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.sbi4j.api.SbiException;

/**
 * Trace plots of Markov chains: for each parameter, the kept draws of every chain against the iteration, one
 * line per chain (at most {@value #MAX_CHAINS} chains are drawn, so that the lines stay readable). Chains that
 * overlap and wander over the same range have mixed; chains on separate levels are stuck in different modes, and a
 * chain that drifts or stays flat has not converged.
 */
public final class TracePlot {
    private static final String PLOT = "trace plot";
    /** The most chains drawn. */
    public static final int MAX_CHAINS = 8;

    private final double[][][] traces;
    private final double[] iterations;
    private final double[] low;
    private final double[] high;
    private final PanelGrid grid;

    private TracePlot(List<String> names, double[][][] traces, String note) {
        this.traces = traces;
        int d = names.size();
        int kept = traces[0][0].length;
        iterations = new double[kept];
        for (int k = 0; k < kept; k++) {
            iterations[k] = k + 1;
        }
        low = new double[d];
        high = new double[d];
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] chain : traces[j]) {
                for (double v : chain) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (!(hi >= lo)) {
                lo = 0;
                hi = 1;
            }
            double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-6, 0.05 * Math.abs(lo));
            low[j] = lo - pad;
            high[j] = hi + pad;
        }
        grid = new PanelGrid(d, 360, 180, "Markov chains: trace plots", List.of(note), "kept iteration");
    }

    /**
     * Draws one trace panel per parameter.
     *
     * @param names the parameter names (d)
     * @param chains the kept draws, {@code chains × iterations × d} (NaN leaves a gap); only the first
     *               {@value #MAX_CHAINS} are drawn
     * @param note a line under the heading, e.g. the sampler and the number of chains
     * @return the figure
     */
    public static Figure of(List<String> names, double[][][] chains, String note) {
        List<String> checked = Inputs.names(PLOT, "parameter names", names);
        int d = checked.size();
        if (chains == null || chains.length == 0 || chains[0].length < 2) {
            throw SbiException.userError(PLOT + ": there are no chains with two or more kept draws to plot");
        }
        int shown = Math.min(MAX_CHAINS, chains.length);
        int kept = chains[0].length;
        double[][][] traces = new double[d][shown][kept];
        for (int c = 0; c < shown; c++) {
            if (chains[c].length != kept) {
                throw SbiException.userError(PLOT + ": chain " + (c + 1) + " has " + chains[c].length + " draws but "
                        + "chain 1 has " + kept + "; pass chains of equal length");
            }
            for (int k = 0; k < kept; k++) {
                if (chains[c][k] == null || chains[c][k].length != d) {
                    throw SbiException.userError(PLOT + ": draw " + (k + 1) + " of chain " + (c + 1) + " does not have "
                            + d + " values, one per parameter name");
                }
                for (int j = 0; j < d; j++) {
                    traces[j][c][k] = chains[c][k][j];
                }
            }
        }
        String line = note + (shown < chains.length
                ? String.format(Locale.ROOT, " (the first %d of %d chains shown)", shown, chains.length) : "");
        TracePlot plot = new TracePlot(checked, traces, line);
        return Figure.of(plot.grid.width(), plot.grid.height(), g -> plot.grid.paint(g, plot::chart, checked::get,
                j -> null));
    }

    private XYChart chart(int j) {
        XYChart chart = grid.newPanelChart();
        Style.ranges(chart, 1, iterations.length, low[j], high[j]);
        int shown = traces[j].length;
        for (int c = 0; c < shown; c++) {
            Color color = Style.mix(Style.SAMPLES, Style.REFERENCE, shown == 1 ? 0 : c / (double) (shown - 1));
            Style.lineSeries(chart, "chain " + (c + 1), iterations, traces[j][c], Style.withAlpha(color, 200),
                    Style.line(0.9f));
        }
        return chart;
    }
}
