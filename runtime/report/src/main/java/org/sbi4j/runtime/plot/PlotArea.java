package org.sbi4j.runtime.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;

/**
 * Where an XChart chart puts its data: the pixel rectangle of the plot and the axis ranges it shows, so that
 * sbi4j can draw aligned extras (images, contours, ticks) in data coordinates.
 *
 * @param left left edge of the plot, in chart pixels
 * @param top top edge of the plot
 * @param width plot width in pixels
 * @param height plot height in pixels
 * @param xMin x value at the left edge
 * @param xMax x value at the right edge
 * @param yMin y value at the bottom edge
 * @param yMax y value at the top edge
 */
record PlotArea(double left, double top, double width, double height, double xMin, double xMax, double yMin,
        double yMax) {

    /**
     * Lays {@code chart} out at its size (painting it off-screen) and reads where the given axis ranges land.
     * The chart must have these ranges fixed, see {@link Style#ranges}.
     */
    static PlotArea of(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            Figure.hints(scratch);
            chart.paint(scratch, chart.getWidth(), chart.getHeight());
        } finally {
            scratch.dispose();
        }
        return measured(chart, xMin, xMax, yMin, yMax);
    }

    /** Reads the layout of a chart that was just painted. */
    static PlotArea measured(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
        double left = chart.getScreenXFromChart(xMin);
        double right = chart.getScreenXFromChart(xMax);
        double top = chart.getScreenYFromChart(yMax);
        double bottom = chart.getScreenYFromChart(yMin);
        return new PlotArea(left, top, right - left, bottom - top, xMin, xMax, yMin, yMax);
    }

    /** The same plot rectangle with other axis ranges. */
    PlotArea withRanges(double newXMin, double newXMax, double newYMin, double newYMax) {
        return new PlotArea(left, top, width, height, newXMin, newXMax, newYMin, newYMax);
    }

    double x(double value) {
        return left + (value - xMin) / (xMax - xMin) * width;
    }

    double y(double value) {
        return top + height - (value - yMin) / (yMax - yMin) * height;
    }

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }

    Rectangle2D rectangle() {
        return new Rectangle2D.Double(left, top, width, height);
    }
}
