package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestContours {
    private static final PlotArea AREA = new PlotArea(0, 0, 400, 400, -4, 4, -4, 4);

    /** Closed-or-open polylines of a path, as lists of points. */
    private static List<List<double[]>> lines(Path2D path) {
        List<List<double[]>> lines = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = path.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (type == PathIterator.SEG_MOVETO) {
                lines.add(new ArrayList<>());
            }
            lines.get(lines.size() - 1).add(new double[] {c[0], c[1]});
        }
        return lines;
    }

    @Test
    void aGaussianHasOneClosedRoundContourOfTheRightSize() {
        double[][] rows = Samples.correlatedGaussian(20_000, 2, 0, 31);
        double[] x = Inputs.column(rows, 0);
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = (rows[k][1] - 0.5) / 1.3; // the sample maker shifts the second coordinate by 0.5, scales by 1.3
        }
        Density2d density = Density2d.of(x, y, -4, 4, -4, 4, 60);
        // the 68% region of a standard 2-D Gaussian is the disc of radius sqrt(-2 ln 0.32) = 1.51
        Path2D path = Contours.at(density, density.levelEnclosing(0.68), AREA);
        List<List<double[]>> lines = lines(path);
        assertThat(lines).hasSize(1);
        List<double[]> loop = lines.get(0);
        assertThat(loop.get(0)).containsExactly(loop.get(loop.size() - 1));
        Rectangle2D bounds = path.getBounds2D();
        double radius = bounds.getWidth() / 2 / 50; // 50 pixels per unit
        // histogram noise and the 1.5-cell blur (0.2 units) widen it a little
        assertThat(radius).isCloseTo(1.51, within(0.15));
        assertThat(bounds.getHeight() / bounds.getWidth()).isCloseTo(1.0, within(0.1));
        assertThat(bounds.getCenterX()).isCloseTo(200, within(10.0));
        assertThat(bounds.getCenterY()).isCloseTo(200, within(10.0));
    }

    @Test
    void twoModesGiveTwoLoopsAndAHighLevelNone() {
        double[][] rows = Samples.bimodal(10_000, 32);
        Density2d density = Density2d.of(Inputs.column(rows, 0), Inputs.column(rows, 1), -4, 4, -4, 4, 50);
        assertThat(lines(Contours.at(density, density.levelEnclosing(0.5), AREA))).hasSize(2);
        assertThat(lines(Contours.at(density, density.max() * 2, AREA))).isEmpty();
        assertThat(lines(Contours.at(density, Double.POSITIVE_INFINITY, AREA))).isEmpty();
    }

    @Test
    void levelsEncloseTheirMass() {
        double[][] rows = Samples.bimodal(10_000, 33);
        Density2d density = Density2d.of(Inputs.column(rows, 0), Inputs.column(rows, 1), -4, 4, -4, 4, 50);
        double total = 0;
        double inside = 0;
        double level = density.levelEnclosing(0.9);
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < 50; c++) {
                total += density.at(c, r);
                inside += density.at(c, r) >= level ? density.at(c, r) : 0;
            }
        }
        // the last cell added may overshoot by at most its own mass (< 0.5% of the total here)
        assertThat(inside / total).isBetween(0.9, 0.905);
        assertThat(density.levelEnclosing(0.5)).isGreaterThan(level);
    }
}
