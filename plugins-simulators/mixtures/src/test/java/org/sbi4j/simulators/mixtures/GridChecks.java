package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.sbi4j.api.SimulationResult;

/**
 * Midpoint-rule grids for 2-D and 3-D densities, their moments, and a chi-square comparison of a histogram
 * of draws with the bin probabilities the grid gives.
 */
final class GridChecks {
    final double[] low;
    final double step;
    final int cells;
    final int dimension;
    /** Density × cell volume per cell, flattened with the last coordinate fastest. */
    final double[] cellMass;

    /**
     * @param logDensity the log density to tabulate
     * @param low lower corner of the grid
     * @param step cell width
     * @param cells cells per dimension
     */
    GridChecks(ToDoubleFunction<double[]> logDensity, double[] low, double step, int cells) {
        this.low = low.clone();
        this.step = step;
        this.cells = cells;
        this.dimension = low.length;
        int total = (int) Math.pow(cells, dimension);
        this.cellMass = new double[total];
        double volume = Math.pow(step, dimension);
        double[] point = new double[dimension];
        for (int c = 0; c < total; c++) {
            int rest = c;
            for (int j = dimension - 1; j >= 0; j--) {
                point[j] = low[j] + (rest % cells + 0.5) * step;
                rest /= cells;
            }
            cellMass[c] = Math.exp(logDensity.applyAsDouble(point)) * volume;
        }
    }

    /** The integral over the grid. */
    double total() {
        double sum = 0;
        for (double m : cellMass) {
            sum += m;
        }
        return sum;
    }

    /** ∫ x_j p(x) dx / ∫ p over the grid. */
    double[] mean() {
        double[] mean = new double[dimension];
        double[] point = new double[dimension];
        for (int c = 0; c < cellMass.length; c++) {
            centre(c, point);
            for (int j = 0; j < dimension; j++) {
                mean[j] += cellMass[c] * point[j];
            }
        }
        double total = total();
        for (int j = 0; j < dimension; j++) {
            mean[j] /= total;
        }
        return mean;
    }

    /** The covariance over the grid. */
    double[][] covariance() {
        double[] mean = mean();
        double[][] cov = new double[dimension][dimension];
        double[] point = new double[dimension];
        for (int c = 0; c < cellMass.length; c++) {
            centre(c, point);
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < dimension; j++) {
                    cov[i][j] += cellMass[c] * (point[i] - mean[i]) * (point[j] - mean[j]);
                }
            }
        }
        double total = total();
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                cov[i][j] /= total;
            }
        }
        return cov;
    }

    private void centre(int c, double[] point) {
        int rest = c;
        for (int j = dimension - 1; j >= 0; j--) {
            point[j] = low[j] + (rest % cells + 0.5) * step;
            rest /= cells;
        }
    }

    /**
     * Pearson's chi-square of a histogram of draws against the grid, with bins of {@code cellsPerBin}
     * cells per dimension; bins expecting fewer than 20 draws are pooled into one. Asserts the statistic is
     * below dof + 5√(2·dof) (its mean is dof and its standard deviation √(2·dof)).
     *
     * @param draws the draws (those outside the grid fall in the pooled bin)
     * @param cellsPerBin bin width in cells
     * @param what description for the message
     */
    void assertHistogramMatches(double[][] draws, int cellsPerBin, String what) {
        assertThat(cells % cellsPerBin).as("cells per bin must divide the cells").isZero();
        int bins = cells / cellsPerBin;
        int totalBins = (int) Math.pow(bins, dimension);
        double[] expected = new double[totalBins];
        for (int c = 0; c < cellMass.length; c++) {
            expected[binOfCell(c, cellsPerBin, bins)] += cellMass[c];
        }
        double[] observed = new double[totalBins];
        double outside = 0;
        for (double[] x : draws) {
            int bin = 0;
            boolean inside = true;
            for (int j = 0; j < dimension; j++) {
                int index = (int) Math.floor((x[j] - low[j]) / (step * cellsPerBin));
                if (index < 0 || index >= bins) {
                    inside = false;
                    break;
                }
                bin = bin * bins + index;
            }
            if (inside) {
                observed[bin]++;
            } else {
                outside++;
            }
        }
        double n = draws.length;
        double total = total();
        double chiSquare = 0;
        int degrees = 0;
        double pooledExpected = Math.max(0, 1 - total) * n;
        double pooledObserved = outside;
        for (int b = 0; b < totalBins; b++) {
            double e = expected[b] * n;
            if (e >= 20) {
                chiSquare += (observed[b] - e) * (observed[b] - e) / e;
                degrees++;
            } else {
                pooledExpected += e;
                pooledObserved += observed[b];
            }
        }
        if (pooledExpected >= 20) {
            chiSquare += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
            degrees++;
        } else {
            assertThat(pooledObserved).as("%s: draws in bins expecting < 20 in total (%s expected)", what,
                    pooledExpected).isLessThanOrEqualTo(pooledExpected + 5 * Math.sqrt(pooledExpected) + 5);
        }
        degrees--;
        assertThat(degrees).as("%s: bins with enough draws", what).isGreaterThan(10);
        assertThat(chiSquare).as("%s: chi-square with %d degrees of freedom", what, degrees)
                .isLessThan(degrees + 5 * Math.sqrt(2.0 * degrees));
    }

    private int binOfCell(int c, int cellsPerBin, int bins) {
        int rest = c;
        int bin = 0;
        int factor = 1;
        for (int j = dimension - 1; j >= 0; j--) {
            int index = (rest % cells) / cellsPerBin;
            rest /= cells;
            bin += index * factor;
            factor *= bins;
        }
        return bin;
    }

    /** The valid rows of a simulation result. */
    static double[][] validRows(SimulationResult result) {
        assertThat(result.invalidCount()).isZero();
        return result.data();
    }
}
