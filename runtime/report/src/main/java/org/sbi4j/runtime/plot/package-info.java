/**
 * Diagnostic pictures of simulation-based inference, drawn with XChart and written as PNG and SVG without a
 * display: {@link org.sbi4j.runtime.plot.CornerPlot} (posterior samples against a reference and the true
 * parameter), {@link org.sbi4j.runtime.plot.RankHistogramPlot} (simulation-based calibration),
 * {@link org.sbi4j.runtime.plot.CoveragePlot} (expected coverage or TARP),
 * {@link org.sbi4j.runtime.plot.LossCurvePlot} (training) and
 * {@link org.sbi4j.runtime.plot.PosteriorPredictivePlot}. Each returns a {@link org.sbi4j.runtime.plot.Figure}
 * that renders lazily, deterministically, and writes both formats atomically.
 */
package org.sbi4j.runtime.plot;
